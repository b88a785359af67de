import ccxt from 'ccxt';
import { MarketError } from '../errors.ts';

const short = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/** Maps every ccxt error class onto what the caller must do. Order matters: subclasses first. */
export function translateCcxtError(err: unknown, exchangeId: string): MarketError {
  if (err instanceof MarketError) return err;
  // Both extend NetworkError, and not each other: check them first, and each by name.
  if (err instanceof ccxt.RateLimitExceeded || err instanceof ccxt.DDoSProtection) {
    return new MarketError('rate-limited', `${exchangeId} asked us to slow down: ${short(err)}`);
  }
  // OnMaintenance extends ExchangeNotAvailable, which extends NetworkError.
  if (err instanceof ccxt.ExchangeNotAvailable) {
    return new MarketError('unavailable', `${exchangeId} is unavailable: ${short(err)}`);
  }
  if (err instanceof ccxt.NetworkError) {
    return new MarketError('temporary', `${exchangeId} unreachable: ${short(err)}`);
  }
  // A malformed or empty answer is the exchange having a bad moment, not our mistake.
  if (err instanceof ccxt.BadResponse || err instanceof ccxt.NullResponse) {
    return new MarketError('temporary', `${exchangeId} sent a malformed response: ${short(err)}`);
  }
  if (
    err instanceof ccxt.BadRequest ||
    err instanceof ccxt.AuthenticationError ||
    err instanceof ccxt.PermissionDenied ||
    err instanceof ccxt.NotSupported ||
    err instanceof ccxt.ArgumentsRequired
  ) {
    return new MarketError('config', `${exchangeId} rejected the request: ${short(err)}`);
  }
  if (err instanceof ccxt.ExchangeError) {
    return new MarketError('unavailable', `${exchangeId} failed: ${short(err)}`);
  }
  // Anything else (a parse failure deep in ccxt on garbage JSON, say) is treated as passing.
  return new MarketError('temporary', `${exchangeId} request failed: ${short(err)}`);
}
