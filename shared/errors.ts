/** Every error code a client can receive, in an ack or an HTTP error body. */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'UNKNOWN_SYMBOL',
  'UNSUPPORTED_TIMEFRAME',
  'NOT_SUBSCRIBED',
  'TOO_MANY_SUBSCRIPTIONS',
  'UPSTREAM_UNAVAILABLE',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'USERNAME_TAKEN',
  'RATE_LIMITED',
  'FORBIDDEN_ORIGIN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
