import type { PublicUser } from '../../../shared/auth.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { TypedServer, TypedSocket } from './socket-types.ts';
import { readSessionCookie } from '../auth/session-cookie.ts';

/** Every open tab of a user: where their chat replies go, on any instance (through the adapter). */
export const userRoom = (userId: string) => `user:${userId}`;
/** The sockets of one sign-in: what a logout takes out of the user's room. */
export const sessionRoom = (sid: string) => `session:${sid}`;

export interface SocketAuthDeps {
  sessions: Sessions;
  clock: Clock;
}

/**
 * Authenticates every socket from the session cookie of its handshake. A socket without a valid one
 * is a visitor's: it watches charts like any other, and gets UNAUTHENTICATED for chat. A signed-in
 * socket joins its user's and its session's rooms once the database confirms the session lives; if
 * the database cannot say at connection, the first confirmed use joins them.
 */
export function authenticateSockets(io: TypedServer, deps: SocketAuthDeps): void {
  io.use((socket, next) => {
    const token = readSessionCookie(socket.handshake.headers.cookie);
    deps.sessions.tokens.verify(token).then(
      (claimed) => {
        if (claimed)
          socket.data.session = { user: claimed.user, sid: claimed.sid, activeUntil: claimed.expiresAt };
        next();
      },
      () => next(),
    );
  });
  io.on('connection', (socket) => {
    // An outage was logged where it happened; the socket stays out of the rooms until confirmed.
    if (socket.data.session) socketUser(socket, deps).catch(() => undefined);
  });
}

/**
 * The user of a socket, checked against the database on each use: signed out anywhere, past the
 * session's absolute end, or idle for a whole TTL, and the socket is a visitor's from then on. Throws
 * the retryable SessionsUnavailableError when the database cannot say.
 */
export async function socketUser(socket: TypedSocket, deps: SocketAuthDeps): Promise<PublicUser | undefined> {
  const session = socket.data.session;
  if (!session) return undefined;
  const now = deps.clock();
  const endsAt = now > session.activeUntil ? undefined : await deps.sessions.liveUntil(session);
  if (endsAt === undefined) {
    socket.data.session = undefined;
    void socket.leave(userRoom(session.user.id));
    return undefined;
  }
  session.activeUntil = Math.min(now + deps.sessions.tokens.ttlMs, endsAt);
  void socket.join([userRoom(session.user.id), sessionRoom(session.sid)]);
  return session.user;
}

/** Takes a signed-out session's sockets, on every instance, out of its user's room. */
export function endSocketSessions(io: TypedServer, session: { sid: string; user: PublicUser }): void {
  io.in(sessionRoom(session.sid)).socketsLeave(userRoom(session.user.id));
}
