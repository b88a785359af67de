import { describe, expect, it } from 'vitest';
import { candle, T0 } from '../test-support.ts';
import { computeChange24h, DAY_MS } from './change-24h.ts';

const HOUR = 3_600_000;

describe('computeChange24h', () => {
  it('compares with the close of the candle exactly 24h before the last one', () => {
    const candles = [
      candle(T0, 50),
      candle(T0 + HOUR, 100),
      candle(T0 + 12 * HOUR, 90),
      candle(T0 + 25 * HOUR, 110),
    ];
    expect(computeChange24h(candles)).toEqual({ percent: 10, spanMs: DAY_MS });
  });

  it('takes the candle just before the 24h mark when none sits on it', () => {
    const candles = [candle(T0, 80), candle(T0 + 2 * HOUR, 999), candle(T0 + 25 * HOUR, 100)];
    expect(computeChange24h(candles)?.percent).toBeCloseTo(25);
  });

  it('uses the oldest candle and reports the shorter span when history is under a day', () => {
    const candles = [candle(T0, 200), candle(T0 + 8 * HOUR, 210), candle(T0 + 16 * HOUR, 190)];
    expect(computeChange24h(candles)).toEqual({ percent: -5, spanMs: 16 * HOUR });
  });

  it('has nothing to say about fewer than two candles', () => {
    expect(computeChange24h([])).toBeNull();
    expect(computeChange24h([candle(T0, 1)])).toBeNull();
  });
});
