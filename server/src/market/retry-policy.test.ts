import { describe, expect, it } from 'vitest';
import { MarketError, type MarketErrorKind } from './errors.ts';
import { BACKOFF, retryDelay } from './retry-policy.ts';

const error = (kind: MarketErrorKind, retryAfterMs?: number) => new MarketError(kind, kind, retryAfterMs);

describe('retryDelay', () => {
  it('never retries a configuration error', () => {
    expect(retryDelay(error('config'), 1)).toBeUndefined();
  });

  it('backs off exponentially with jitter, up to a cap', () => {
    const low = (attempt: number) => retryDelay(error('temporary'), attempt, () => 0)!;
    const high = (attempt: number) => retryDelay(error('temporary'), attempt, () => 1)!;
    expect([1, 2, 3, 4].map(high)).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map(low)).toEqual([250, 500, 1000, 2000]);
    expect(high(30)).toBe(BACKOFF.temporary.capMs);
    expect(BACKOFF.temporary.capMs).toBeLessThanOrEqual(15_000);
  });

  it('waits at least as long as the exchange asked, and longer than for a network blip', () => {
    expect(retryDelay(error('rate-limited', 42_000), 1, () => 0)).toBe(42_000);
    expect(retryDelay(error('rate-limited'), 1, () => 1)).toBe(5_000);
    expect(retryDelay(error('rate-limited', 1_000), 1, () => 1)).toBe(5_000);
  });

  it('keeps trying an unavailable exchange, slowly', () => {
    expect(retryDelay(error('unavailable'), 1, () => 1)).toBe(10_000);
    expect(retryDelay(error('unavailable'), 100, () => 1)).toBe(120_000);
  });
});
