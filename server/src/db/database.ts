import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../kernel/logger.ts';
import { DatabaseUnavailableError, reportingUnavailable } from './database-unavailable.ts';
import { migrateToLatest } from './migrate.ts';
import { PGlitePool } from './pglite-pool.ts';
import type { Database } from './schema.ts';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: 'pg' | 'pglite';
  /** Where it lives, without credentials. */
  readonly location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a real server; without it PGlite stores the database under `dataDir`. */
  url?: string;
  dataDir: string;
  logger: Logger;
}

/** Opens the database and migrates it to the latest schema; a failed migration stops the start. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.url
    ? openPostgres(options.url, options.logger)
    : await openPGlite(options.dataDir, options.logger);
  const { error, results } = await migrateToLatest(handle.db as Kysely<unknown>);
  for (const r of results ?? [])
    options.logger.info({ migration: r.migrationName, status: r.status }, 'migration');
  if (error) {
    await handle.close();
    // The operator needs the cause (refused, wrong password…), not the words meant for users.
    const cause = error instanceof DatabaseUnavailableError ? error.cause : error;
    throw new Error(`database migration failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  return handle;
}

function openPostgres(url: string, logger: Logger): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client dies when the server restarts; the pool replaces it, the process must not crash.
  pool.on('error', (err) =>
    logger.warn({ err: err.message }, 'postgres connection lost; the pool will reconnect'),
  );
  // A connection lost while checked out (a query in flight) fails that query, and pg also emits
  // 'error' on the client, which then has no pool listener: unheard, that would crash the process.
  pool.on('connect', (client) =>
    client.on('error', (err) => logger.debug({ err: err.message }, 'postgres connection lost mid-query')),
  );
  return wrap(
    new Kysely<Database>({ dialect: new PostgresDialect({ pool: reportingUnavailable(pool, logger) }) }),
    'pg',
    redact(url),
  );
}

async function openPGlite(dataDir: string, logger: Logger): Promise<DatabaseHandle> {
  const dir = resolve(join(dataDir, 'pglite'));
  await mkdir(dir, { recursive: true });
  const pglite = await PGlite.create(dir, {
    // Postgres's default 128 MB of shared buffers is most of an idle server's memory; the embedded
    // database holds users, chat and forecasts, a few megabytes a day, so 16 MB keeps it all cached.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  return wrap(
    new Kysely<Database>({
      dialect: new PostgresDialect({ pool: reportingUnavailable(new PGlitePool(pglite), logger) }),
    }),
    'pglite',
    dir,
  );
}

function wrap(db: Kysely<Database>, kind: DatabaseHandle['kind'], location: string): DatabaseHandle {
  return {
    db,
    kind,
    location,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
