import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A sign-in as the database keeps it. */
export interface StoredSession {
  userId: string;
  expiresAt: number;
  revokedAt: number | undefined;
}

/** The `sessions` table: one row per sign-in, looked up by its primary key on every use. */
export class SessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(sid: string, userId: string, createdAt: number, expiresAt: number): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ sid, user_id: userId, created_at: new Date(createdAt), expires_at: new Date(expiresAt) })
      .execute();
  }

  async find(sid: string): Promise<StoredSession | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['user_id', 'expires_at', 'revoked_at'])
      .where('sid', '=', sid)
      .executeTakeFirst();
    return (
      row && {
        userId: row.user_id,
        expiresAt: row.expires_at.getTime(),
        revokedAt: row.revoked_at?.getTime(),
      }
    );
  }

  async revoke(sid: string, at: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: new Date(at) })
      .where('sid', '=', sid)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Rows past their end refuse every token already (tokens never outlive them), so they can go. */
  async deleteEndedBefore(at: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', new Date(at)).execute();
  }
}
