import type { RequestHandler, Router } from 'express';
import type { Kysely } from 'kysely';
import type { SocketAuthDeps } from '../realtime/socket-auth.ts';
import type { Database } from '../db/schema.ts';
import type { LimiterFactory } from '../auth/rate-limits.ts';
import type { InFlightWork } from '../kernel/in-flight-work.ts';
import type { Logger } from '../kernel/logger.ts';
import type { TypedServer } from '../realtime/socket-server.ts';
import { chatRoutes } from '../http/routes/chat.ts';
import { ChatService } from '../chat/chat-service.ts';
import { attachChatSocket, socketChatNotifier } from '../realtime/chat-socket.ts';
import type { ChatEngine } from '../chat/engine/chat-tools.ts';

/** Per-user chat: `chat:send` on the socket, history over HTTP, replies to every tab of the user. */
export function createChat(deps: {
  db: Kysely<Database>;
  io: TypedServer;
  engine: ChatEngine;
  /** The socket's user, from the session of its handshake. */
  sockets: SocketAuthDeps;
  /** Reads the session of an HTTP request. */
  session: RequestHandler;
  /** Rate limiters (Redis-backed when configured), for the per-user question allowance. */
  limiters: LimiterFactory;
  questionsPerMinute?: number;
  logger: Logger;
  /** Questions being answered, which a shutdown lets finish. */
  inFlight: InFlightWork;
}): { service: ChatService; routes: Router } {
  const service = new ChatService({
    db: deps.db,
    engine: deps.engine,
    notify: socketChatNotifier(deps.io),
    logger: deps.logger,
  });
  attachChatSocket(deps.io, service, {
    auth: deps.sockets,
    limiters: deps.limiters,
    logger: deps.logger,
    inFlight: deps.inFlight,
    questionsPerMinute: deps.questionsPerMinute,
  });
  return { service, routes: chatRoutes(service, deps.session) };
}
