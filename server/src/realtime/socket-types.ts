import type { Server, Socket } from 'socket.io';
import type { PublicUser } from '../../../shared/auth.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol.ts';

/** What a socket knows of its user: only ever from the verified handshake cookie. */
export interface SocketSession {
  user: PublicUser;
  sid: string;
  /** Slides like the cookie: each authenticated use keeps it alive for another TTL. */
  activeUntil: number;
}

/** Per-socket state, typed through Socket.IO's fourth type parameter rather than cast. */
export interface SocketData {
  session?: SocketSession;
}

/** Instances talk to each other only through the adapter's own messages. */
type InterServerEvents = Record<string, never>;

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
