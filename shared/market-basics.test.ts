import { describe, expect, it } from 'vitest';
import { TIMEFRAMES, TIMEFRAME_MS, bucketStart } from './market-basics.ts';

const at = (iso: string) => Date.parse(iso);

describe('timeframes', () => {
  it('are listed smallest first, without two of the same length', () => {
    const lengths = TIMEFRAMES.map((tf) => TIMEFRAME_MS[tf]);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(new Set(lengths).size).toBe(lengths.length);
  });
});

describe('bucketStart', () => {
  it('starts weeks on Monday 00:00 UTC, as Binance does, although the epoch was a Thursday', () => {
    // Binance's BTC/USDT weekly candles open on these Mondays.
    expect(bucketStart(at('2021-05-12T13:45:00Z'), '1w')).toBe(at('2021-05-10T00:00:00Z'));
    expect(bucketStart(at('2020-12-01T00:00:00Z'), '1w')).toBe(at('2020-11-30T00:00:00Z'));
    expect(bucketStart(at('2026-11-29T23:59:59.999Z'), '1w')).toBe(at('2026-11-23T00:00:00Z'));
    expect(bucketStart(at('2026-11-30T00:00:00Z'), '1w')).toBe(at('2026-11-30T00:00:00Z'));
    // The week of the epoch itself began on the Monday before it.
    expect(bucketStart(0, '1w')).toBe(at('1969-12-29T00:00:00Z'));
  });

  it('cuts every other timeframe on UTC boundaries of its own length', () => {
    const t = at('2021-05-12T13:47:31.250Z');
    expect(bucketStart(t, '1m')).toBe(at('2021-05-12T13:47:00Z'));
    expect(bucketStart(t, '30m')).toBe(at('2021-05-12T13:30:00Z'));
    expect(bucketStart(t, '2h')).toBe(at('2021-05-12T12:00:00Z'));
    expect(bucketStart(t, '12h')).toBe(at('2021-05-12T12:00:00Z'));
    expect(bucketStart(t, '1d')).toBe(at('2021-05-12T00:00:00Z'));
  });

  it('is idempotent and a bucket is one timeframe long, for every timeframe', () => {
    const t = at('2024-02-29T07:13:00Z');
    for (const tf of TIMEFRAMES) {
      const start = bucketStart(t, tf);
      expect(bucketStart(start, tf)).toBe(start);
      expect(start).toBeLessThanOrEqual(t);
      expect(t - start).toBeLessThan(TIMEFRAME_MS[tf]);
      expect(bucketStart(start + TIMEFRAME_MS[tf], tf)).toBe(start + TIMEFRAME_MS[tf]);
    }
  });
});
