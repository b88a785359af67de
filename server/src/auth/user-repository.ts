import { sql, type Kysely } from 'kysely';
import type { PublicUser } from '../../../shared/auth.ts';
import type { Database } from '../db/schema.ts';

export interface StoredUser extends PublicUser {
  passwordHash: string;
}

/** Creates a user; undefined when the name is taken (whatever its case). */
export async function createUser(
  db: Kysely<Database>,
  username: string,
  passwordHash: string,
): Promise<PublicUser | undefined> {
  const row = await db
    .insertInto('users')
    .values({ username, password_hash: passwordHash })
    // The only unique constraint besides the primary key is lower(username).
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'username'])
    .executeTakeFirst();
  return row && { id: row.id, username: row.username };
}

export async function findUserByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<StoredUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash'])
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row && { id: row.id, username: row.username, passwordHash: row.password_hash };
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<PublicUser | undefined> {
  const row = await db.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, username: row.username };
}
