import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ChatContext, ChatPayload } from '../../../shared/chat-answer.ts';
import type { ChatMessage, Conversation, MessagesResponse } from '../../../shared/chat.ts';
import type { ConversationsTable, Database, MessagesTable } from '../db/schema.ts';

/**
 * Conversations and messages. Every function takes the user id and filters by it, so one user's
 * history is out of another's reach whatever id they send: a conversation of someone else reads
 * exactly like one that does not exist.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids arrive from URLs: anything but a UUID would be a database error, so it is simply not found. */
export const isUuid = (id: string) => UUID.test(id);

/** PostgreSQL's foreign_key_violation: what a write into a conversation deleted meanwhile gets. */
export const isDeletedMeanwhile = (err: unknown) => (err as { code?: string }).code === '23503';

export interface NewMessage {
  role: ChatMessage['role'];
  text: string;
  payload: ChatPayload | null;
}

export async function createConversation(
  db: Kysely<Database>,
  userId: string,
  title: string,
): Promise<Conversation> {
  const row = await db
    .insertInto('conversations')
    .values({ user_id: userId, title })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toConversation(row);
}

export async function findConversation(
  db: Kysely<Database>,
  userId: string,
  conversationId: string,
): Promise<Conversation | undefined> {
  if (!isUuid(conversationId)) return undefined;
  const row = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && toConversation(row);
}

/** A user's conversations, most recently active first. */
export async function listConversations(
  db: Kysely<Database>,
  userId: string,
  limit: number,
): Promise<Conversation[]> {
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toConversation);
}

/**
 * Appends a message to a conversation of the user and marks it active; undefined when it is not
 * theirs (or no longer exists).
 */
export async function appendMessage(
  db: Kysely<Database>,
  userId: string,
  conversationId: string,
  message: NewMessage,
): Promise<{ message: ChatMessage; conversation: Conversation } | undefined> {
  if (!isUuid(conversationId)) return undefined;
  try {
    return await db.transaction().execute((trx) => appendWithin(trx, userId, conversationId, message));
  } catch (err) {
    // Deleted by another tab between the two statements: as gone as if it never existed.
    if (isDeletedMeanwhile(err)) return undefined;
    throw err;
  }
}

/**
 * appendMessage inside a transaction the caller holds. The insert selects the conversation by id
 * *and* owner, so not even a bug upstream can write into someone else's conversation.
 */
export async function appendWithin(
  trx: Transaction<Database>,
  userId: string,
  conversationId: string,
  message: NewMessage,
): Promise<{ message: ChatMessage; conversation: Conversation } | undefined> {
  const conversation = await trx
    .updateTable('conversations')
    .set({ updated_at: sql<Date>`now()` })
    .where('id', '=', conversationId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  if (!conversation) return undefined;
  const row = await trx
    .insertInto('messages')
    .values({
      conversation_id: conversation.id,
      role: message.role,
      text: message.text,
      payload: message.payload === null ? null : JSON.stringify(message.payload),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { message: toMessage(row), conversation: toConversation(conversation) };
}

/**
 * One page of a conversation of the user: the `limit` messages before `before` (newest page when
 * absent), oldest first; undefined when the conversation is not theirs.
 */
export async function listMessages(
  db: Kysely<Database>,
  userId: string,
  conversationId: string,
  page: { before?: string; limit: number },
): Promise<MessagesResponse | undefined> {
  if (!(await findConversation(db, userId, conversationId))) return undefined;
  let query = db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.before !== undefined) query = query.where('id', '<', page.before as never);
  const rows = await query.execute();
  const more = rows.length > page.limit;
  const messages = rows.slice(0, page.limit).reverse().map(toMessage);
  return more ? { messages, nextBefore: messages[0]!.id } : { messages };
}

/**
 * What the conversation's last answer left as context for a follow-up question; with `before`, the
 * last answer before that message (a question stored earlier and answered only now).
 */
export async function lastContext(
  db: Kysely<Database>,
  userId: string,
  conversationId: string,
  before?: string,
): Promise<ChatContext | undefined> {
  if (!isUuid(conversationId)) return undefined;
  let query = db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select('messages.payload')
    .where('conversations.id', '=', conversationId)
    .where('conversations.user_id', '=', userId)
    .where('messages.role', '=', 'assistant')
    .orderBy('messages.id', 'desc')
    .limit(1);
  if (before !== undefined) query = query.where('messages.id', '<', before as never);
  const row = await query.executeTakeFirst();
  return (row?.payload as ChatPayload | null | undefined)?.context;
}

/** Deletes a conversation of the user with its messages; false when it is not theirs. */
export async function deleteConversation(
  db: Kysely<Database>,
  userId: string,
  conversationId: string,
): Promise<boolean> {
  if (!isUuid(conversationId)) return false;
  const result = await db
    .deleteFrom('conversations')
    .where('id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export function toConversation(row: Selectable<ConversationsTable>): Conversation {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  };
}

export function toMessage(row: Selectable<MessagesTable>): ChatMessage {
  return {
    id: String(row.id),
    conversationId: row.conversation_id,
    role: row.role,
    text: row.text,
    payload: (row.payload as ChatPayload | null) ?? null,
    createdAt: row.created_at.getTime(),
  };
}
