import type { MarketError } from './errors.ts';

interface Backoff {
  baseMs: number;
  capMs: number;
}

/** Per kind of failure: where the backoff starts and where it stops growing. */
export const BACKOFF: Readonly<Record<Exclude<MarketError['kind'], 'config'>, Backoff>> = Object.freeze({
  temporary: { baseMs: 500, capMs: 15_000 },
  'rate-limited': { baseMs: 5_000, capMs: 300_000 },
  unavailable: { baseMs: 10_000, capMs: 120_000 },
});

/**
 * How long to wait before attempt `attempt + 1` after `error` (attempt counts from 1), or undefined
 * when the call must not be retried. Exponential with "equal jitter" (half fixed, half random), so
 * many feeds that failed together do not retry together; a Retry-After is a floor, never shortened.
 */
export function retryDelay(
  error: MarketError,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  if (error.kind === 'config') return undefined;
  const { baseMs, capMs } = BACKOFF[error.kind];
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(jittered, error.retryAfterMs ?? 0);
}
