import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { reportingUnavailable } from '../../src/db/database-unavailable.ts';
import type { Database } from '../../src/db/schema.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';
import { createScratchDatabase } from '../support/postgres.ts';
import { freePort } from '../support/redis-server.ts';

const UNAVAILABLE = { code: 'TEMPORARILY_UNAVAILABLE', retryAfterMs: expect.any(Number) };

/** What pg itself throws when PostgreSQL is gone, as the app's database edge reports it. */
describe('a PostgreSQL that cannot be reached', () => {
  it('is TEMPORARILY_UNAVAILABLE when nothing listens where it should', async () => {
    const pool = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/none`,
      connectionTimeoutMillis: 2_000,
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: reportingUnavailable(pool, silentLogger) }),
    });
    try {
      await expect(sql`select 1`.execute(db)).rejects.toMatchObject(UNAVAILABLE);
    } finally {
      await db.destroy();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)(
  'a PostgreSQL connection lost mid-session (set TEST_DATABASE_URL)',
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    let handle: DatabaseHandle;

    beforeAll(async () => {
      scratch = await createScratchDatabase(TEST_DATABASE_URL!);
      handle = await openDatabase({ url: scratch.url, dataDir: '', logger: silentLogger });
    });
    afterAll(async () => {
      await handle?.close();
      await scratch?.drop();
    });

    it('is TEMPORARILY_UNAVAILABLE, and the next query works on a new connection', async () => {
      // What a restarting server does to every session: 57P01, terminating connection.
      await expect(
        sql`select pg_terminate_backend(pg_backend_pid())`.execute(handle.db),
      ).rejects.toMatchObject(UNAVAILABLE);
      expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([{ one: 1 }]);
    });

    it('leaves a bad query a bad query: not an outage', async () => {
      const failed = await sql`select * from no_such_table`.execute(handle.db).catch((err: unknown) => err);
      expect(failed).toBeInstanceOf(Error);
      expect(failed).not.toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE' });
      expect(failed).toMatchObject({ code: '42P01' });
    });
  },
);
