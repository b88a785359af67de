import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import { findGaps, normalizeCandles } from './candles.ts';
import { readRecordedCsv, recordedFile } from './replay/recorded-candles.ts';

const c = (time: number, close = 10): Candle => ({ time, open: 10, high: 12, low: 9, close, volume: 1 });

describe('normalizeCandles', () => {
  it('sorts, keeps the later of two candles with one time, and drops malformed ones', () => {
    const bad = { time: 5, open: 10, high: 8, low: 9, close: 10, volume: 1 };
    const nan = { ...c(6), close: Number.NaN };
    expect(normalizeCandles([c(3), c(1), c(2, 11), c(2, 12), bad, nan])).toEqual([c(1), c(2, 12), c(3)]);
  });
});

describe('findGaps', () => {
  it('finds exactly the six exchange-wide gaps of the recorded hourly data', async () => {
    const { candles } = await readRecordedCsv(recordedFile('BTC/USDT', '1h'));
    const gaps = findGaps(candles, '1h');
    expect(gaps).toHaveLength(6);
    expect(gaps.reduce((n, g) => n + g.missing, 0)).toBe(11);
    expect(new Date(gaps[0]!.after).toISOString()).toBe('2020-12-21T14:00:00.000Z');
  });

  it('finds none in the minute data', async () => {
    const { candles } = await readRecordedCsv(recordedFile('SOL/USDT', '1m'));
    expect(findGaps(candles, '1m')).toEqual([]);
  });
});
