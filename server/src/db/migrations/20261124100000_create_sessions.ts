import type { Kysely } from 'kysely';

/**
 * One row per sign-in, keyed by the `sid` every token of that sign-in carries, checked on each use:
 * a logout (revoked_at) or the absolute end (expires_at) holds on every instance and survives any
 * cache, which a revocation kept only in Redis or memory did not. A row per sign-in rather than a
 * per-user token version, so a logout ends that browser's session only, not the user's others.
 *
 * On deploy, tokens issued before this table existed have no row and are refused: everyone signs in
 * once more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('sid', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // When the sign-in ends however active it is (SESSION_MAX_HOURS); renewals never pass it.
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  // Serves the cascade when an account is deleted.
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
  // Ended sessions are pruned by expiry.
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sessions').execute();
}
