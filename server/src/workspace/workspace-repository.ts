import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface StoredWorkspace {
  /** The document as it was validated on its way in. */
  document: unknown;
  updatedAt: Date;
}

/** The user's workspace; undefined before their first save. Only ever by the signed-in user's id. */
export async function findWorkspace(
  db: Kysely<Database>,
  userId: string,
): Promise<StoredWorkspace | undefined> {
  const row = await db
    .selectFrom('user_workspaces')
    .select(['document', 'updated_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && { document: row.document, updatedAt: row.updated_at };
}

/** Writes the user's workspace over any earlier one, in one statement: the newest save wins. */
export async function saveWorkspace(
  db: Kysely<Database>,
  userId: string,
  documentJson: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('user_workspaces')
    .values({ user_id: userId, document: documentJson, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ document: documentJson, updated_at: at }))
    .execute();
}
