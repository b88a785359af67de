import { z } from 'zod';
import type { ChatPayload } from './chat-answer.ts';
import { MAX_CHAT_TEXT } from './limits.ts';

export { MAX_CHAT_TEXT } from './limits.ts';

export const ConversationIdSchema = z.uuid({ error: 'conversationId must be a conversation id (a UUID)' });

/** C0 controls but tab and newline, and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F]/;

export const ChatSendRequestSchema = z.object({
  conversationId: ConversationIdSchema.optional(),
  /**
   * The client's own id for this question (a UUID), sent again unchanged with every retry of it: the
   * server stores a question once per id, and answers a retry with what it stored.
   */
  clientId: z.uuid({ error: 'clientId must be a UUID' }).optional(),
  text: z
    .string({ error: 'text must be a string' })
    .trim()
    .min(1, 'text must not be empty')
    .max(MAX_CHAT_TEXT, `text must be at most ${MAX_CHAT_TEXT} characters`)
    // NUL cannot be stored in PostgreSQL text, and other control characters are never meant.
    .refine((text) => !CONTROL_CHARACTERS.test(text), 'text must not contain control characters'),
});
export type ChatSendRequest = z.input<typeof ChatSendRequestSchema>;

export const MessagesQuerySchema = z.object({
  /** Messages older than this message id (the `nextBefore` of the previous page). */
  before: z
    .string()
    .regex(/^\d{1,18}$/, 'before must be a message id')
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(200, 'limit must be at most 200')
    .default(50),
});

export interface Conversation {
  id: string;
  /** From the first question. */
  title: string;
  createdAt: number;
  updatedAt: number;
}

export interface ChatMessage {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant';
  text: string;
  /** Present on assistant messages: what the UI renders as a card. */
  payload: ChatPayload | null;
  createdAt: number;
}

/** Ack data of `chat:send`: the assistant's reply (the question is in `question`). */
export interface ChatSendResult {
  conversationId: string;
  conversation: Conversation;
  question: ChatMessage;
  message: ChatMessage;
}

/** Pushed to every open tab of the user as `chat:message` once a question is answered. */
export interface ChatMessageEvent {
  conversation: Conversation;
  messages: ChatMessage[];
}

/** Pushed to every open tab of the user as `chat:deleted`. */
export interface ChatDeletedEvent {
  conversationId: string;
}

export interface ConversationsResponse {
  conversations: Conversation[];
}

/** Oldest first; `nextBefore` fetches the page before this one, absent at the start. */
export interface MessagesResponse {
  messages: ChatMessage[];
  nextBefore?: string;
}
