import { ChatSendRequestSchema } from '../../../shared/chat.ts';
import { socketUser, userRoom, type SocketAuthDeps } from './socket-auth.ts';
import { AppError } from '../kernel/errors.ts';
import { handle, type SocketHandling, type TypedServer } from './socket-server.ts';
import { parsePayload } from '../kernel/validation.ts';
import { UserQuota, type LimiterFactory } from '../auth/rate-limits.ts';
import type { ChatNotifier, ChatService } from '../chat/chat-service.ts';

/** Enough for a person typing, far too few for a script. */
const DEFAULT_QUESTIONS_PER_MINUTE = 20;

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
  options: SocketHandling & { auth: SocketAuthDeps; limiters: LimiterFactory; questionsPerMinute?: number },
): void {
  // Per user across every tab and instance (Redis when configured): each question may cost an LLM call.
  const perUser = new UserQuota(options.limiters, {
    keyPrefix: 'trendscope:chat-user',
    points: options.questionsPerMinute ?? DEFAULT_QUESTIONS_PER_MINUTE,
    duration: 60,
  });
  io.on('connection', (socket) => {
    socket.on(
      'chat:send',
      handle(options, async (payload) => {
        const user = await socketUser(socket, options.auth);
        if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to chat');
        const request = parsePayload(ChatSendRequestSchema, payload);
        await perUser.consume(user.id, 'questions');
        return chat.send(user.id, request);
      }),
    );
  });
}
