import { describe, expect, it } from 'vitest';
import { pointsFromSeries } from '../../market/indicator-points.ts';
import { DEFAULT_TOGGLES } from '../../store/indicator-toggles.ts';
import { indicatorSeries, MINUTE, minuteCandles, T0 } from '../../test-support.ts';
import { buildCsv, candlesBetween, exportFileName } from './csv-export.ts';

const candles = minuteCandles(T0, 4).map((c, i) => ({ ...c, volume: 0.1 + i * 1.25 }));
const points = pointsFromSeries(indicatorSeries(candles));
const rowsOf = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((row) => row.split(','));

describe('the CSV export', () => {
  it('writes each candle exactly, with its ISO UTC time', () => {
    const none = {
      ...DEFAULT_TOGGLES,
      ema20: false,
      ema50: false,
      ema200: false,
      bollinger: false,
      rsi: false,
      macd: false,
    };
    const rows = rowsOf(buildCsv(candles, points, none));
    expect(rows[0]).toEqual(['time', 'open', 'high', 'low', 'close', 'volume']);
    expect(rows.slice(1)).toEqual(
      candles.map((c) =>
        [new Date(c.time).toISOString(), c.open, c.high, c.low, c.close, c.volume].map(String),
      ),
    );
    expect(rows[2]?.[0]).toBe('2024-01-01T00:01:00.000Z');
  });

  it('adds a column per indicator line shown, empty where it has no value', () => {
    const rows = rowsOf(buildCsv(candles, points, DEFAULT_TOGGLES));
    expect(rows[0]?.slice(6)).toEqual([
      'ema_20',
      'ema_50',
      'ema_200',
      'bb_upper',
      'bb_middle',
      'bb_lower',
      'rsi_14',
      'macd',
      'macd_signal',
      'macd_histogram',
    ]);
    // Close 101: EMA 20 is close − 1, no EMA 200 yet, bands ±5, RSI 50, MACD 1 / 0.5 / 0.5.
    expect(rows[2]?.slice(6)).toEqual(['100', '99', '', '106', '101', '96', '50', '1', '0.5', '0.5']);

    const some = rowsOf(
      buildCsv(candles, points, {
        ...DEFAULT_TOGGLES,
        ema50: false,
        ema200: false,
        bollinger: false,
        macd: false,
      }),
    );
    expect(some[0]?.slice(6)).toEqual(['ema_20', 'rsi_14']);
  });

  it('leaves the indicator cells empty for candles the analysis does not cover', () => {
    const rows = rowsOf(
      buildCsv(candles, points.slice(2), {
        ...DEFAULT_TOGGLES,
        ema50: false,
        ema200: false,
        bollinger: false,
        macd: false,
      }),
    );
    expect(rows[1]).toEqual([new Date(T0).toISOString(), '100', '101', '99', '100', '0.1', '', '']);
    expect(rows[3]?.slice(6)).toEqual(['101', '50']);
  });

  it('ends every line with CRLF, a header alone when there are no candles', () => {
    expect(buildCsv([], [], DEFAULT_TOGGLES).split('\r\n')).toHaveLength(2);
    expect(buildCsv(candles, points, DEFAULT_TOGGLES).endsWith('\r\n')).toBe(true);
  });

  it('keeps the candles within the range in view', () => {
    expect(candlesBetween(candles, T0 + MINUTE, T0 + 2 * MINUTE)).toEqual(candles.slice(1, 3));
    expect(candlesBetween(candles, T0 + 10 * MINUTE, T0 + 20 * MINUTE)).toEqual([]);
  });

  it('names the file after the market, the timeframe and the first and last candle', () => {
    expect(exportFileName('BTC/USDT', '1h', T0, T0 + 90 * MINUTE, 'csv')).toBe(
      'BTC-USDT-1h-20240101T0000Z-20240101T0130Z.csv',
    );
  });
});
