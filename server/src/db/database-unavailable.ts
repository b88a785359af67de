import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { AppError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';

/** How long a client is told to wait before asking again: about what a database restart takes. */
export const DATABASE_RETRY_AFTER_MS = 5_000;

/**
 * The database could not be reached. Said to the user as the retryable TEMPORARILY_UNAVAILABLE (503
 * with Retry-After over HTTP) instead of a generic INTERNAL: what they sent can simply be sent again.
 */
export class DatabaseUnavailableError extends AppError {
  constructor(cause: unknown) {
    super(
      'TEMPORARILY_UNAVAILABLE',
      'The database is unavailable for a moment; nothing was lost, try again shortly',
      DATABASE_RETRY_AFTER_MS,
    );
    this.name = 'DatabaseUnavailableError';
    this.cause = cause;
  }
}

/** SQLSTATEs of a lost or refused connection: class 08, the server shutting down or starting, too many clients. */
const CONNECTION_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
const NETWORK_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** What pg throws, without a code, when the server goes away mid-query or never answers. */
const LOST_CONNECTION =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed/i;

/** Whether a query failed because the database could not be reached (not because of the query). */
export function isConnectionFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_SQLSTATE.test(code) || NETWORK_ERRNOS.has(code))) return true;
  return LOST_CONNECTION.test(err.message);
}

/**
 * The one place database connection failures become DatabaseUnavailableError: wraps the pool Kysely
 * draws every connection from, so no call site has to recognise them. A failed connect is always an
 * outage (nothing was asked yet); a failed query only when the connection broke. Logs once when the
 * database stops answering and once when it answers again, not on every request in between.
 */
export function reportingUnavailable(pool: PostgresPool, logger: Logger): PostgresPool {
  let down = false;
  const failed = (err: unknown): never => {
    if (!down) logger.warn({ err }, 'the database is unreachable; requests answer TEMPORARILY_UNAVAILABLE');
    down = true;
    throw new DatabaseUnavailableError(err);
  };
  const answered = () => {
    if (down) logger.info('the database answers again');
    down = false;
  };
  return {
    async connect() {
      const client = await pool.connect().catch(failed);
      let broken: unknown;
      const query = async (sql: string, parameters: ReadonlyArray<unknown>) => {
        try {
          const result = await client.query(sql, parameters);
          answered();
          return result;
        } catch (err) {
          if (!isConnectionFailure(err)) throw err;
          broken = err;
          return failed(err);
        }
      };
      // A broken connection goes back with its error, so pg discards it instead of handing it out
      // again (its end may not have been noticed yet when the query failed).
      const release = () => (client.release as (err?: unknown) => void)(broken);
      return { query, release } as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
