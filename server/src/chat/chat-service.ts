import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChatContext, ChatPayload } from '../../../shared/chat-answer.ts';
import type {
  ChatDeletedEvent,
  ChatMessage,
  ChatMessageEvent,
  ChatSendResult,
  Conversation,
  MessagesResponse,
} from '../../../shared/chat.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import type { ChatEngine, ChatReply } from './engine/chat-tools.ts';
import { deleteConversation, lastContext, listConversations, listMessages } from './chat-repository.ts';
import {
  findSend,
  pruneSends,
  sentResult,
  storeAnswer,
  storeQuestion,
  type StoredSend,
} from './chat-sends.ts';
import { titleFrom } from './chat-title.ts';

/** Delivers chat events to every open tab of a user (a Socket.IO room, across instances). */
export interface ChatNotifier {
  message(userId: string, event: ChatMessageEvent): void;
  deleted(userId: string, event: ChatDeletedEvent): void;
}

/** Most conversations the list returns, most recently active first. */
export const CONVERSATION_LIST_LIMIT = 200;

const notFound = () => new AppError('NOT_FOUND', 'No such conversation');

/** How often old client ids are pruned (they are kept a day). */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * A user's chat: questions answered by the engine and kept with their answers. The user id always
 * comes from the verified session (the caller's), and every read and write is filtered by it.
 */
export class ChatService {
  private prunedAt = 0;

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
   *
   * Idempotent by `clientId`: a retry of a question already stored is not stored again. It gets the
   * stored answer, or, when the first attempt never stored one (it crashed, or is still answering),
   * an answer computed now and stored only if no other attempt's landed first.
   */
  async send(
    userId: string,
    request: { conversationId?: string; text: string; clientId?: string },
  ): Promise<ChatSendResult> {
    const { db } = this.deps;
    // An old client without ids still gets its one attempt stored once.
    const clientId = request.clientId ?? randomUUID();
    let sent = await findSend(db, userId, clientId);
    if (!sent) {
      const context =
        request.conversationId === undefined
          ? undefined
          : await lastContext(db, userId, request.conversationId);
      const stored = await storeQuestion(db, userId, clientId, {
        conversationId: request.conversationId,
        title: titleFrom(request.text),
        text: request.text,
      });
      if (stored === undefined) throw notFound();
      if (stored !== 'sent-before') {
        const reply = await this.answer(userId, request.text, context);
        return this.storeReply(userId, clientId, stored.question, reply);
      }
      // Another attempt with this id stored it first, while this one was storing it too.
      sent = await findSend(db, userId, clientId);
      if (!sent) throw notFound();
    }
    if (
      sent.question.text !== request.text ||
      (request.conversationId !== undefined && request.conversationId !== sent.conversationId)
    )
      throw new AppError('INVALID_PAYLOAD', 'This clientId was already used for another question');
    if (sent.answerId !== null) return this.replay(userId, { ...sent, answerId: sent.answerId });
    // Stored, but never answered: the first attempt crashed, or is still answering.
    const context = await lastContext(db, userId, sent.conversationId, sent.question.id);
    const reply = await this.answer(userId, request.text, context);
    return this.storeReply(userId, clientId, sent.question, reply);
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

  /** Stores the answer and tells every tab, unless another attempt's answer landed first. */
  private async storeReply(
    userId: string,
    clientId: string,
    question: ChatMessage,
    reply: ChatReply,
  ): Promise<ChatSendResult> {
    const { db } = this.deps;
    const stored = await storeAnswer(db, userId, clientId, {
      role: 'assistant',
      text: reply.text,
      payload: reply.payload,
    });
    // Deleted from another tab while the answer was being computed.
    if (stored === undefined) throw notFound();
    await this.pruneNowAndThen();
    if (stored === 'answered-before') {
      const sent = await findSend(db, userId, clientId);
      if (sent?.answerId == null) throw notFound();
      return this.replay(userId, { ...sent, answerId: sent.answerId });
    }
    this.deps.notify.message(userId, {
      conversation: stored.conversation,
      messages: [question, stored.message],
    });
    return {
      conversationId: stored.conversation.id,
      conversation: stored.conversation,
      question,
      message: stored.message,
    };
  }

  /** What an answered question's first acknowledgement carried; no new message, no push. */
  private async replay(userId: string, sent: StoredSend & { answerId: string }): Promise<ChatSendResult> {
    const result = await sentResult(this.deps.db, userId, sent);
    if (!result) throw notFound();
    return result;
  }

  /** At most once an hour per process: one indexed delete, never failing the question it follows. */
  private async pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    await pruneSends(this.deps.db).catch((err: unknown) =>
      this.deps.logger.warn({ err }, 'could not prune old chat sends'),
    );
  }

  /** The engine's answer; should it fail, an answer saying so, so every question has one. */
  private async answer(userId: string, text: string, context: ChatContext | undefined): Promise<ChatReply> {
    try {
      // The asker is the session's user: the engine reaches their alerts and no one else's.
      return await this.deps.engine.reply(text, context, { userId });
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
