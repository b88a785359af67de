import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { reportingUnavailable } from '../../src/db/database-unavailable.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { PGlitePool } from '../../src/db/pglite-pool.ts';
import type { Database } from '../../src/db/schema.ts';

/**
 * PGlite in `dataDir` whose connections fail while `down` is set, as a lost database server's do;
 * behind the same translation as the real databases (TEMPORARILY_UNAVAILABLE).
 */
export interface BreakableDatabase extends DatabaseHandle {
  down: boolean;
}

export async function openBreakableDatabase(dataDir: string): Promise<BreakableDatabase> {
  const pglite = await PGlite.create(join(dataDir, 'pglite'));
  const pool = new PGlitePool(pglite);
  const handle: BreakableDatabase = {
    down: false,
    kind: 'pglite',
    location: dataDir,
    db: new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: reportingUnavailable(
          {
            connect: (): ReturnType<PGlitePool['connect']> =>
              handle.down
                ? Promise.reject(new Error('connect ECONNREFUSED (database down)'))
                : pool.connect(),
            end: () => pool.end(),
          },
          silentLogger,
        ),
      }),
    }),
    async ping() {
      await sql`select 1`.execute(handle.db);
    },
    close: () => handle.db.destroy(),
  };
  const { error } = await migrateToLatest(handle.db as Kysely<unknown>);
  if (error) throw error;
  return handle;
}
