import type { ApiError, ErrorCode } from '../../../shared/errors.ts';
import type { Logger } from './logger.ts';

/** An error whose message is safe to show to a client. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** With RATE_LIMITED and TEMPORARILY_UNAVAILABLE: how long the client should wait (`retryAfterMs`). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Translates anything thrown into what a client may see; internal details stay in the log. */
export function toApiError(err: unknown, logger: Logger): ApiError {
  if (err instanceof AppError)
    return err.retryAfterMs === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, retryAfterMs: err.retryAfterMs };
  logger.error({ err }, 'unexpected error');
  return { code: 'INTERNAL', message: 'Internal error; it has been logged.' };
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_PAYLOAD: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_TIMEFRAME: 400,
  UNKNOWN_SYMBOL: 404,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  USERNAME_TAKEN: 409,
  RATE_LIMITED: 429,
  ALERT_LIMIT: 409,
  FORBIDDEN_ORIGIN: 403,
  NOT_SUBSCRIBED: 409,
  TOO_MANY_SUBSCRIPTIONS: 429,
  UPSTREAM_UNAVAILABLE: 503,
  TEMPORARILY_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}
