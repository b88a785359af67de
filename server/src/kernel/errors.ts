import type { ApiError, ErrorCode } from '../../../shared/errors.ts';
import type { Logger } from './logger.ts';

/** An error whose message is safe to show to a client. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Translates anything thrown into what a client may see; internal details stay in the log. */
export function toApiError(err: unknown, logger: Logger): ApiError {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  logger.error({ err }, 'unexpected error');
  return { code: 'INTERNAL', message: 'Internal error; it has been logged.' };
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_PAYLOAD: 400,
  UNSUPPORTED_TIMEFRAME: 400,
  UNKNOWN_SYMBOL: 404,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  USERNAME_TAKEN: 409,
  RATE_LIMITED: 429,
  FORBIDDEN_ORIGIN: 403,
  NOT_SUBSCRIBED: 409,
  TOO_MANY_SUBSCRIPTIONS: 429,
  UPSTREAM_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}
