/**
 * The few kinds of upstream failure, each saying what the caller must do. Adapters translate their
 * library's errors into these at the edge; nothing above them sees ccxt.
 */
export type MarketErrorKind =
  /** Network error or timeout: retry soon, with exponential backoff and jitter. */
  | 'temporary'
  /** Rate limit or DDoS protection: back off, honour Retry-After, never hammer into a ban. */
  | 'rate-limited'
  /** Exchange down or in maintenance: keep trying, slowly. */
  | 'unavailable'
  /** Bad symbol, unsupported request, bad configuration: fail now, never retry. */
  | 'config';

export class MarketError extends Error {
  constructor(
    readonly kind: MarketErrorKind,
    message: string,
    /** For `rate-limited`: how long the exchange asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'MarketError';
  }
}

export const isMarketError = (err: unknown): err is MarketError => err instanceof MarketError;
