import { sql, type Kysely } from 'kysely';

/**
 * One workspace per user (layout, each chart's stream, indicators, drawings, chart settings), as the
 * JSON document the client sends (shared/workspace.ts), validated and size-capped before it is
 * written. A whole document per save, not a row per drawing: it is read and written as one, and the
 * newest save wins.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_workspaces')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_workspaces').execute();
}
