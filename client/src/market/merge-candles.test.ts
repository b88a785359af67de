import { describe, expect, it } from 'vitest';
import { candle, MINUTE, T0 } from '../test-support.ts';
import { MAX_HELD_CANDLES, candlesSince, mergeCandles } from './merge-candles.ts';

const series = [candle(T0, 100), candle(T0 + MINUTE, 101)];

describe('mergeCandles', () => {
  it('replaces the forming candle when the time repeats', () => {
    const merged = mergeCandles(series, [candle(T0 + MINUTE, 105)]);
    expect(merged.map((c) => c.close)).toEqual([100, 105]);
    expect(series.map((c) => c.close)).toEqual([100, 101]);
  });

  it('appends a candle with a new time', () => {
    const merged = mergeCandles(series, [candle(T0 + 2 * MINUTE, 102)]);
    expect(merged.map((c) => c.time)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
  });

  it('applies a delta in order: the last known candle is finished, then the missed ones follow', () => {
    const delta = [candle(T0 + MINUTE, 103), candle(T0 + 2 * MINUTE, 104), candle(T0 + 3 * MINUTE, 105)];
    const merged = mergeCandles(series, delta);
    expect(merged.map((c) => [c.time - T0, c.close])).toEqual([
      [0, 100],
      [MINUTE, 103],
      [2 * MINUTE, 104],
      [3 * MINUTE, 105],
    ]);
  });

  it('drops candles older than the newest one and returns the same array when nothing changed', () => {
    expect(mergeCandles(series, [candle(T0, 99)])).toBe(series);
    expect(mergeCandles(series, [])).toBe(series);
  });

  it('starts a series from nothing', () => {
    expect(mergeCandles([], [candle(T0, 1)])).toEqual([candle(T0, 1)]);
  });
});

describe('candlesSince', () => {
  it('returns the changed newest candle and everything appended after it', () => {
    const next = mergeCandles(series, [candle(T0 + MINUTE, 103), candle(T0 + 2 * MINUTE, 104)]);
    expect(candlesSince(series, next).map((c) => c.close)).toEqual([103, 104]);
  });

  it('leaves out the previous newest candle when only a new one was appended', () => {
    const next = mergeCandles(series, [candle(T0 + 2 * MINUTE, 102)]);
    expect(candlesSince(series, next).map((c) => c.close)).toEqual([102]);
  });

  it('returns everything when there was nothing before', () => {
    expect(candlesSince([], series)).toEqual(series);
  });
});

describe('mergeCandles over a long session', () => {
  it('lets the oldest candles go beyond MAX_HELD_CANDLES', () => {
    const base = { open: 1, high: 2, low: 0.5, close: 1.5, volume: 1 };
    const series = Array.from({ length: MAX_HELD_CANDLES }, (_, i) => ({ ...base, time: i * 60_000 }));
    const merged = mergeCandles(series, [{ ...base, time: MAX_HELD_CANDLES * 60_000 }]);
    expect(merged).toHaveLength(MAX_HELD_CANDLES);
    expect(merged[0]!.time).toBe(60_000);
    expect(merged.at(-1)!.time).toBe(MAX_HELD_CANDLES * 60_000);
  });
});
