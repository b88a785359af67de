import { ChatSendRequestSchema } from '../../../shared/chat.ts';
import { socketUser, userRoom, type SocketAuthDeps } from './socket-auth.ts';
import { AppError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import { handle, type TypedServer } from './socket-server.ts';
import { parsePayload } from '../kernel/validation.ts';
import type { ChatNotifier, ChatService } from '../chat/chat-service.ts';

/**
 * Pushes go to the user's room: every open tab, on every instance (the Redis adapter carries them).
 * The asking tab gets the event too; the ack and the event carry the same message ids.
 */
export function socketChatNotifier(io: TypedServer): ChatNotifier {
  return {
    message: (userId, event) => io.to(userRoom(userId)).emit('chat:message', event),
    deleted: (userId, event) => io.to(userRoom(userId)).emit('chat:deleted', event),
  };
}

/** `chat:send`: a signed-in socket's question; the user is the socket's, never the payload's. */
export function attachChatSocket(
  io: TypedServer,
  chat: ChatService,
  options: { auth: SocketAuthDeps; logger: Logger },
): void {
  io.on('connection', (socket) => {
    socket.on(
      'chat:send',
      handle(options.logger, async (payload) => {
        const user = await socketUser(socket, options.auth);
        if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to chat');
        return chat.send(user.id, parsePayload(ChatSendRequestSchema, payload));
      }),
    );
  });
}
