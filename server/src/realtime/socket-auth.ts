import type { PublicUser } from '../../../shared/auth.ts';
import type { SessionRevocations } from '../auth/revocations.ts';
import type { TypedServer, TypedSocket } from './socket-types.ts';
import { readSessionCookie } from '../auth/session-cookie.ts';
import type { Session, SessionTokens } from '../auth/session-tokens.ts';

/** Every open tab of a user: where their chat replies go, on any instance (through the adapter). */
export const userRoom = (userId: string) => `user:${userId}`;
/** The sockets of one sign-in: what a logout takes out of the user's room. */
export const sessionRoom = (sid: string) => `session:${sid}`;

export interface SocketAuthDeps {
  tokens: SessionTokens;
  revocations: SessionRevocations;
  now?: () => number;
}

/**
 * Authenticates every socket from the session cookie of its handshake. A socket without a valid one
 * is a visitor's: it watches charts like any other, and gets UNAUTHENTICATED for chat. A signed-in
 * socket joins its user's and its session's rooms.
 */
export function authenticateSockets(io: TypedServer, deps: SocketAuthDeps): void {
  io.use((socket, next) => {
    const token = readSessionCookie(socket.handshake.headers.cookie);
    deps.tokens.verify(token).then(
      async (session) => {
        if (session && !(await deps.revocations.isRevoked(session.sid))) {
          socket.data.session = { user: session.user, sid: session.sid, activeUntil: session.expiresAt };
        }
        next();
      },
      () => next(),
    );
  });
  io.on('connection', (socket) => {
    const session = socket.data.session;
    if (session) void socket.join([userRoom(session.user.id), sessionRoom(session.sid)]);
  });
}

/**
 * The user of a socket, checked on each use: signed out elsewhere (a logout on any instance) or idle
 * for a whole TTL, and the socket is a visitor's from then on.
 */
export async function socketUser(socket: TypedSocket, deps: SocketAuthDeps): Promise<PublicUser | undefined> {
  const session = socket.data.session;
  if (!session) return undefined;
  const now = (deps.now ?? Date.now)();
  if (now > session.activeUntil || (await deps.revocations.isRevoked(session.sid))) {
    socket.data.session = undefined;
    void socket.leave(userRoom(session.user.id));
    return undefined;
  }
  session.activeUntil = now + deps.tokens.ttlMs;
  return session.user;
}

/** Takes a signed-out session's sockets, on every instance, out of its user's room. */
export function endSocketSessions(io: TypedServer, session: Session): void {
  io.in(sessionRoom(session.sid)).socketsLeave(userRoom(session.user.id));
}
