import { setImmediate } from 'node:timers';
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

const COUNTED_COMMANDS = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'] as const;

function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const first = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase();
  return COUNTED_COMMANDS.find((c) => c === first) ?? 'SELECT';
}

/**
 * Presents PGlite as the pool Kysely's PostgresDialect expects. PGlite is one connection, so the pool
 * hands it out to one holder at a time: a transaction never interleaves with another caller's query.
 */
export class PGlitePool implements PostgresPool {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    // PGlite runs queries in this thread: between holders, let the event loop breathe, so a burst of
    // queries (a forecast of every stream, say) never holds it for long.
    await new Promise((resolve) => setImmediate(resolve));
    const client = {
      query: async (sql: string, parameters: ReadonlyArray<unknown>) => {
        const result = await this.pglite.query(sql, [...parameters]);
        return {
          command: commandOf(sql),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release,
    };
    return client as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.queue;
    await this.pglite.close();
  }
}
