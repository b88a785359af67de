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

describe('aggregateCandles into 30m, 2h, 12h and 1w', () => {
  const H = 60 * M;
  const D = 24 * H;
  const MONDAY = Date.parse('2021-05-10T00:00:00Z');

  it('folds recorded hours into weeks that open on Monday 00:00 UTC, with the week’s open, extremes and close', async () => {
    const { candles: hours } = await readRecordedCsv(recordedFile('BTC/USDT', '1h'));
    const weeks = aggregateCandles(hours, '1w');
    expect(weeks.every((w) => new Date(w.time).getUTCDay() === 1 && w.time % D === 0)).toBe(true);
    const week = weeks.find((w) => w.time === MONDAY)!;
    const inside = hours.filter((h) => h.time >= MONDAY && h.time < MONDAY + 7 * D);
    expect(inside).toHaveLength(168);
    expect(week.open).toBe(inside[0]!.open);
    expect(week.close).toBe(inside.at(-1)!.close);
    expect(week.high).toBe(Math.max(...inside.map((h) => h.high)));
    expect(week.low).toBe(Math.min(...inside.map((h) => h.low)));
    // The recording starts on Tuesday 2020-12-01: its first week is Monday's, partial.
    expect(weeks[0]!.time).toBe(Date.parse('2020-11-30T00:00:00Z'));
  });

  it('gives the same weeks whether folded from hours or from the days folded from them', async () => {
    const { candles: hours } = await readRecordedCsv(recordedFile('ETH/USDT', '1h'));
    const viaDays = aggregateCandles(aggregateCandles(hours, '1d'), '1w');
    const direct = aggregateCandles(hours, '1w');
    expect(viaDays.map((w) => ({ ...w, volume: 0 }))).toEqual(direct.map((w) => ({ ...w, volume: 0 })));
    viaDays.forEach((w, i) => expect(w.volume).toBeCloseTo(direct[i]!.volume, 6));
  });

  it('cuts 30m, 2h and 12h on UTC boundaries of their length', () => {
    const minutes = Array.from({ length: 26 * 60 }, (_, i) => c(MONDAY - 2 * H + i * M, 10, 11, 9, 10));
    const check = (tf: '30m' | '2h' | '12h', length: number) => {
      const out = aggregateCandles(minutes, tf);
      expect(out.every((x) => x.time % length === 0)).toBe(true);
      expect(out.slice(1, -1).every((x) => x.volume === length / M)).toBe(true);
    };
    check('30m', 30 * M);
    check('2h', 2 * H);
    check('12h', 12 * H);
    expect(aggregateCandles(minutes, '12h').map((x) => x.time)).toEqual([
      MONDAY - 12 * H,
      MONDAY,
      MONDAY + 12 * H,
    ]);
  });
});

describe('baseTimeframeFor', () => {
  it('picks the largest available timeframe that divides the target', () => {
    expect(baseTimeframeFor('4h', ['1m', '1h'])).toBe('1h');
    expect(baseTimeframeFor('15m', ['1m', '5m', '1h'])).toBe('5m');
    expect(baseTimeframeFor('1m', ['1m'])).toBe('1m');
    expect(baseTimeframeFor('1m', ['5m'])).toBeUndefined();
    expect(baseTimeframeFor('1w', ['1m', '1h', '1d'])).toBe('1d');
    expect(baseTimeframeFor('12h', ['1m', '1h', '1d'])).toBe('1h');
    expect(baseTimeframeFor('30m', ['1m', '5m', '15m'])).toBe('15m');
    expect(baseTimeframeFor('2h', ['1m', '1h', '4h'])).toBe('1h');
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
