import type { Kysely } from 'kysely';
import type { ChatContext, ChatPayload } from '../../../shared/chat-answer.ts';
import type {
  ChatDeletedEvent,
  ChatMessageEvent,
  ChatSendResult,
  Conversation,
  MessagesResponse,
} from '../../../shared/chat.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import type { ChatEngine, ChatReply } from './engine/chat-tools.ts';
import {
  appendMessage,
  createConversation,
  deleteConversation,
  lastContext,
  listConversations,
  listMessages,
} from './chat-repository.ts';
import { titleFrom } from './chat-title.ts';

/** Delivers chat events to every open tab of a user (a Socket.IO room, across instances). */
export interface ChatNotifier {
  message(userId: string, event: ChatMessageEvent): void;
  deleted(userId: string, event: ChatDeletedEvent): void;
}

/** Most conversations the list returns, most recently active first. */
export const CONVERSATION_LIST_LIMIT = 200;

const notFound = () => new AppError('NOT_FOUND', 'No such conversation');

/**
 * A user's chat: questions answered by the engine and kept with their answers. The user id always
 * comes from the verified session (the caller's), and every read and write is filtered by it.
 */
export class ChatService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      engine: ChatEngine;
      notify: ChatNotifier;
      logger: Logger;
    },
  ) {}

  /**
   * Stores the question, answers it from live data and stores the answer. The question is stored
   * before the engine runs, so it is never lost; the engine is never run inside a transaction (it may
   * take a while and PGlite has a single connection).
   */
  async send(userId: string, request: { conversationId?: string; text: string }): Promise<ChatSendResult> {
    const { db } = this.deps;
    let context: ChatContext | undefined;
    let conversationId = request.conversationId;
    if (conversationId === undefined) {
      conversationId = (await createConversation(db, userId, titleFrom(request.text))).id;
    } else {
      context = await lastContext(db, userId, conversationId);
    }
    const asked = await appendMessage(db, userId, conversationId, {
      role: 'user',
      text: request.text,
      payload: null,
    });
    if (!asked) throw notFound();
    const reply = await this.answer(request.text, context);
    const answered = await appendMessage(db, userId, conversationId, {
      role: 'assistant',
      text: reply.text,
      payload: reply.payload,
    });
    // Deleted from another tab while the answer was being computed.
    if (!answered) throw notFound();
    const result: ChatSendResult = {
      conversationId,
      conversation: answered.conversation,
      question: asked.message,
      message: answered.message,
    };
    this.deps.notify.message(userId, {
      conversation: answered.conversation,
      messages: [asked.message, answered.message],
    });
    return result;
  }

  conversations(userId: string): Promise<Conversation[]> {
    return listConversations(this.deps.db, userId, CONVERSATION_LIST_LIMIT);
  }

  async messages(
    userId: string,
    conversationId: string,
    page: { before?: string; limit: number },
  ): Promise<MessagesResponse> {
    const found = await listMessages(this.deps.db, userId, conversationId, page);
    if (!found) throw notFound();
    return found;
  }

  async delete(userId: string, conversationId: string): Promise<void> {
    if (!(await deleteConversation(this.deps.db, userId, conversationId))) throw notFound();
    this.deps.notify.deleted(userId, { conversationId });
  }

  /** The engine's answer; should it fail, an answer saying so, so every question has one. */
  private async answer(text: string, context: ChatContext | undefined): Promise<ChatReply> {
    try {
      return await this.deps.engine.reply(text, context);
    } catch (err) {
      const said = err instanceof AppError ? err.message : 'the market data is not available right now';
      if (!(err instanceof AppError)) this.deps.logger.error({ err }, 'the chat engine failed');
      const payload: ChatPayload = {
        intent: 'unknown',
        figures: [],
        context: context ?? {},
        phrasedBy: 'engine',
      };
      return { text: `Sorry, I could not answer that: ${said}. Please try again.`, payload };
    }
  }
}
