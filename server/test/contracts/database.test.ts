import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  type DatabaseLocation,
} from '../support/database-backends.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';

interface Probe {
  probe: { id: number; note: string };
}

/** What every database backend must do; the same suite runs on PGlite and on PostgreSQL. */
function describeDatabase({ name, skip, create }: DatabaseBackend) {
  describe.skipIf(skip)(`Database contract: ${name}`, () => {
    let target: DatabaseLocation;
    let handle: DatabaseHandle;
    const db = () => handle.db as unknown as Kysely<Probe>;

    beforeAll(async () => {
      target = await create();
      handle = await target.open();
      await db()
        .schema.createTable('probe')
        .ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('note', 'text')
        .execute();
    });
    afterAll(async () => {
      await handle?.close();
      await target?.drop();
    });

    it('is migrated to the latest schema and answers a ping', async () => {
      await expect(handle.ping()).resolves.toBeUndefined();
      const again = await migrateToLatest(handle.db as Kysely<unknown>);
      expect(again.error).toBeUndefined();
      expect(again.results).toEqual([]);
    });

    it('rolls back a failed transaction and keeps other callers out of an open one', async () => {
      const inserted = db()
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('probe').values({ id: 1, note: 'in flight' }).execute();
          await new Promise((r) => setTimeout(r, 50));
          throw new Error('abort');
        });
      // Handled from the start: the rejection may come while the query below still waits its turn.
      const failure = inserted.then(
        () => undefined,
        (err: unknown) => err,
      );
      const outside = await db().selectFrom('probe').selectAll().where('id', '=', 1).execute();
      expect(await failure).toEqual(new Error('abort'));
      expect(outside).toEqual([]);
      expect(await db().selectFrom('probe').selectAll().execute()).toEqual([]);
    });

    it('keeps committed data across a restart', async () => {
      await db().insertInto('probe').values({ id: 2, note: 'kept' }).execute();
      await handle.close();
      handle = await target.open();
      expect(await db().selectFrom('probe').select('note').where('id', '=', 2).executeTakeFirst()).toEqual({
        note: 'kept',
      });
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
        handle.db,
      );
      expect(rows[0]!.n).toBe(Object.keys(migrations).length);
    });
  });
}

for (const backend of DATABASE_BACKENDS) describeDatabase(backend);
