import { sql, type Kysely } from 'kysely';

/**
 * One row per question a client sent, keyed by the id the client chose for it, so a retry (after a
 * timeout, a dropped connection, a server restart) finds the question already stored instead of
 * storing it twice. Written in the transaction that stores the question (and starts its conversation),
 * then pointed at the answer once there is one. Scoped by user: one user's ids never meet another's.
 * Rows are only needed while a client may still retry, and are pruned after a day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chat_sends')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('conversation_id', 'uuid', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    // Messages of that conversation, which goes with them: no foreign keys of their own to check.
    .addColumn('question_id', 'bigint', (c) => c.notNull())
    .addColumn('answer_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('chat_sends_pkey', ['user_id', 'client_id'])
    .execute();
  // Serve the cascade when a conversation is deleted, and the daily pruning.
  await db.schema
    .createIndex('chat_sends_conversation_id')
    .on('chat_sends')
    .column('conversation_id')
    .execute();
  await db.schema.createIndex('chat_sends_created_at').on('chat_sends').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chat_sends').execute();
}
