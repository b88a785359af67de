import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import { BucketAggregator, aggregateCandles, baseTimeframeFor } from './aggregate.ts';
import { readRecordedCsv, recordedFile } from './replay/recorded-candles.ts';

const c = (time: number, open: number, high: number, low: number, close: number, volume = 1): Candle => ({
  time,
  open,
  high,
  low,
  close,
  volume,
});
const M = 60_000;

describe('aggregateCandles', () => {
  it('reproduces Binance’s own hourly candles from its minute candles, for every symbol', async () => {
    for (const symbol of ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT']) {
      const [minutes, hours] = await Promise.all([
        readRecordedCsv(recordedFile(symbol, '1m')),
        readRecordedCsv(recordedFile(symbol, '1h')),
      ]);
      const folded = aggregateCandles(minutes.candles, '1h');
      const recorded = new Map(hours.candles.map((h) => [h.time, h]));
      expect(folded).toHaveLength(452);
      for (const f of folded) {
        const h = recorded.get(f.time)!;
        expect({ ...f, volume: 0 }).toEqual({ ...h, volume: 0 });
        expect(f.volume).toBeCloseTo(h.volume, 6);
      }
    }
  });

  it('keeps a partial last bucket and starts buckets on timeframe boundaries', () => {
    const out = aggregateCandles(
      [c(3 * M, 10, 12, 9, 11), c(4 * M, 11, 15, 10, 14), c(5 * M, 14, 14, 8, 9)],
      '5m',
    );
    expect(out).toEqual([c(0, 10, 15, 9, 14, 2), c(5 * M, 14, 14, 8, 9, 1)]);
  });
});

describe('baseTimeframeFor', () => {
  it('picks the largest available timeframe that divides the target', () => {
    expect(baseTimeframeFor('4h', ['1m', '1h'])).toBe('1h');
    expect(baseTimeframeFor('15m', ['1m', '5m', '1h'])).toBe('5m');
    expect(baseTimeframeFor('1m', ['1m'])).toBe('1m');
    expect(baseTimeframeFor('1m', ['5m'])).toBeUndefined();
  });
});

describe('BucketAggregator', () => {
  it('refolds when the forming base candle changes and starts afresh on a new bucket', () => {
    const agg = new BucketAggregator('5m');
    expect(agg.push(c(0, 10, 11, 9, 10))).toEqual(c(0, 10, 11, 9, 10));
    expect(agg.push(c(M, 10, 12, 10, 12))).toEqual(c(0, 10, 12, 9, 12, 2));
    expect(agg.push(c(M, 10, 13, 8, 13))).toEqual(c(0, 10, 13, 8, 13, 2));
    expect(agg.push(c(5 * M, 13, 13, 13, 13))).toEqual(c(5 * M, 13, 13, 13, 13));
    expect(agg.push(c(4 * M, 1, 1, 1, 1))).toBeUndefined();
  });

  it('seeds earlier base candles without overwriting live ones', () => {
    const agg = new BucketAggregator('5m');
    agg.push(c(2 * M, 20, 21, 19, 21));
    const folded = agg.seed([c(0, 10, 11, 9, 10), c(M, 10, 12, 10, 12), c(2 * M, 99, 99, 99, 99)]);
    expect(folded).toEqual(c(0, 10, 21, 9, 21, 3));
  });
});
