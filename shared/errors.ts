/** Every error code a client can receive, in an ack or an HTTP error body. */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  /** The request body is in a format or character set the server does not read (HTTP 415). */
  'UNSUPPORTED_MEDIA_TYPE',
  'UNKNOWN_SYMBOL',
  'UNSUPPORTED_TIMEFRAME',
  'NOT_SUBSCRIBED',
  'TOO_MANY_SUBSCRIPTIONS',
  /** The market source (the exchange) cannot be reached. */
  'UPSTREAM_UNAVAILABLE',
  /**
   * This server cannot serve the request for a moment (its database is unreachable, or it is shutting
   * down); nothing was lost, and the same request may be sent again after `retryAfterMs`.
   */
  'TEMPORARILY_UNAVAILABLE',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'USERNAME_TAKEN',
  'RATE_LIMITED',
  /** The user has as many alerts set as one may (ALERTS_MAX_PER_USER). */
  'ALERT_LIMIT',
  'FORBIDDEN_ORIGIN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** With RATE_LIMITED and TEMPORARILY_UNAVAILABLE: how long to wait before trying again. */
  retryAfterMs?: number;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
