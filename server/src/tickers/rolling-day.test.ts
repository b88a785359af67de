import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import { DAY_MS } from '../../../shared/tickers.ts';
import { rollingDay } from './rolling-day.ts';

const M = 60_000;
const candle = (time: number, close: number, high = close, low = close): Candle => ({
  time,
  open: close,
  high,
  low,
  close,
  volume: 1,
});

describe('rollingDay', () => {
  it('measures the last close from the close of the same minute a day earlier, the range after it', () => {
    const T = Date.UTC(2026, 0, 2, 12, 30);
    const candles = [
      candle(T - DAY_MS - M, 90, 1_000, 1),
      candle(T - DAY_MS, 100, 500, 5),
      candle(T - DAY_MS + M, 104, 120, 95),
      candle(T - M, 101, 103, 99),
      candle(T, 110, 111, 108),
    ];
    expect(rollingDay(candles)).toEqual({
      last: 110,
      reference: 100,
      change24hPercent: 10,
      high24h: 120,
      low24h: 95,
    });
  });

  it('measures a shorter history from its oldest open', () => {
    const T = Date.UTC(2026, 0, 2);
    const candles = [{ ...candle(T - 60 * M, 100), open: 80 }, candle(T, 100)];
    expect(rollingDay(candles)).toMatchObject({ reference: 80, change24hPercent: 25 });
    expect(rollingDay([])).toBeUndefined();
  });
});
