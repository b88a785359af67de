import { sql, type Kysely } from 'kysely';
import type { ChatMessage, ChatSendResult, Conversation } from '../../../shared/chat.ts';
import type { Database } from '../db/schema.ts';
import {
  appendWithin,
  isDeletedMeanwhile,
  isUuid,
  toConversation,
  toMessage,
  type NewMessage,
} from './chat-repository.ts';

/**
 * Questions by the id their client gave them (`chat_sends`), so that however often a client sends
 * one (a retry after a timeout, a dropped connection, a restarted server, two retries racing) it is
 * stored once and answered once. Like every chat query, each is filtered by the user.
 */

/** A question stored under a client id, and its answer's id once there is one. */
export interface StoredSend {
  conversationId: string;
  question: ChatMessage;
  answerId: string | null;
}

/** Rows older than this are pruned: no client still retrying a question sent that long ago. */
const KEPT_FOR = sql`interval '1 day'`;

export async function findSend(
  db: Kysely<Database>,
  userId: string,
  clientId: string,
): Promise<StoredSend | undefined> {
  const row = await db
    .selectFrom('chat_sends')
    .innerJoin('messages', 'messages.id', 'chat_sends.question_id')
    .selectAll('messages')
    .select('chat_sends.answer_id')
    .where('chat_sends.user_id', '=', userId)
    .where('chat_sends.client_id', '=', clientId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { answer_id, ...question } = row;
  return {
    conversationId: question.conversation_id,
    question: toMessage(question),
    answerId: answer_id === null ? null : String(answer_id),
  };
}

/** Rolls back a transaction whose question another attempt with the same client id stored first. */
class SentBefore extends Error {}

/**
 * Stores a question under its client id in one transaction, with the conversation it starts when
 * `conversationId` is absent: all of it or nothing, so a crash never leaves a conversation without
 * its question or a question a retry cannot find. `sent-before` when another attempt stored it first
 * (this one's writes are rolled back); undefined when the conversation is not the user's.
 */
export async function storeQuestion(
  db: Kysely<Database>,
  userId: string,
  clientId: string,
  question: { conversationId?: string; title: string; text: string },
): Promise<{ conversation: Conversation; question: ChatMessage } | 'sent-before' | undefined> {
  if (question.conversationId !== undefined && !isUuid(question.conversationId)) return undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const conversationId =
        question.conversationId ??
        (
          await trx
            .insertInto('conversations')
            .values({ user_id: userId, title: question.title })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const asked = await appendWithin(trx, userId, conversationId, {
        role: 'user',
        text: question.text,
        payload: null,
      });
      if (!asked) return undefined;
      // On PostgreSQL a racing attempt's insert waits here for this one's transaction, then does nothing.
      const claimed = await trx
        .insertInto('chat_sends')
        .values({
          user_id: userId,
          client_id: clientId,
          conversation_id: conversationId,
          question_id: asked.message.id,
        })
        .onConflict((c) => c.columns(['user_id', 'client_id']).doNothing())
        .returning('client_id')
        .executeTakeFirst();
      if (!claimed) throw new SentBefore();
      return { conversation: asked.conversation, question: asked.message };
    });
  } catch (err) {
    if (err instanceof SentBefore) return 'sent-before';
    if (isDeletedMeanwhile(err)) return undefined;
    throw err;
  }
}

/**
 * Stores the answer to a client's question unless another attempt already did: the send's row is
 * locked first, so of two attempts answering at once exactly one answer lands. `answered-before`
 * when one had; undefined when the conversation was deleted meanwhile.
 */
export async function storeAnswer(
  db: Kysely<Database>,
  userId: string,
  clientId: string,
  answer: NewMessage,
): Promise<{ conversation: Conversation; message: ChatMessage } | 'answered-before' | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      const send = await trx
        .selectFrom('chat_sends')
        .select(['conversation_id', 'answer_id'])
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .forUpdate()
        .executeTakeFirst();
      if (!send) return undefined;
      if (send.answer_id !== null) return 'answered-before';
      const answered = await appendWithin(trx, userId, send.conversation_id, answer);
      if (!answered) return undefined;
      await trx
        .updateTable('chat_sends')
        .set({ answer_id: answered.message.id })
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .execute();
      return answered;
    });
  } catch (err) {
    if (isDeletedMeanwhile(err)) return undefined;
    throw err;
  }
}

/** What the first acknowledgement of an answered send carried, for a retry to get the same. */
export async function sentResult(
  db: Kysely<Database>,
  userId: string,
  send: StoredSend & { answerId: string },
): Promise<ChatSendResult | undefined> {
  const conversation = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', send.conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const answer = await db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', send.answerId as never)
    .where('conversation_id', '=', send.conversationId)
    .executeTakeFirst();
  if (!conversation || !answer) return undefined;
  return {
    conversationId: conversation.id,
    conversation: toConversation(conversation),
    question: send.question,
    message: toMessage(answer),
  };
}

/** Forgets client ids no client can still be retrying. */
export async function pruneSends(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('chat_sends')
    .where('created_at', '<', sql<Date>`now() - ${KEPT_FOR}`)
    .execute();
}
