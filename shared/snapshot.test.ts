import { describe, expect, it } from 'vitest';
import { decimalsOf, packColumn, unpackColumn } from './columns.ts';
import { decodeSnapshotBody, encodeSnapshotBody, type SnapshotBody } from './snapshot.ts';

describe('packed columns', () => {
  it('give back exactly the numbers packed, nulls in place', () => {
    const values = [50123.45, 50124.01, null, 49999.99, 0.00012345, 1e-8, 123456.12345678, 0];
    expect(unpackColumn(packColumn(values))).toEqual(values);
    // Past what an integer holds exactly, the digits a double keeps anyway.
    const [big] = unpackColumn(packColumn([123456789.12345678, 1e-8])) as number[];
    expect(Math.abs(big! - 123456789.12345678)).toBeLessThan(1e-6);
    expect(decimalsOf([1, 2.5, 3.25])).toBe(2);
  });

  it('round to the decimals asked for', () => {
    expect(unpackColumn(packColumn([1.23456, 2.34567], 2))).toEqual([1.23, 2.35]);
  });

  it('write small differences for a price that moves a little', () => {
    expect(packColumn([50000.12, 50001.5, 49999.98]).v).toEqual([5000012, 138, -152]);
  });
});

describe('snapshot body', () => {
  it('round-trips candles, the analysis with its series, and the forecast', () => {
    const body: SnapshotBody = {
      candles: [
        { time: 1_700_000_000_000, open: 100.5, high: 101.25, low: 99.75, close: 101, volume: 12.345678 },
        { time: 1_700_000_060_000, open: 101, high: 102, low: 100.5, close: 100.75, volume: 0 },
      ],
      analysis: {
        symbol: 'BTC/USDT',
        timeframe: '1m',
        source: 'replay',
        computedAt: 1,
        candleTime: 1_700_000_060_000,
        candleCount: 2,
        latest: { rsi14: 55.5 },
        summary: {} as never,
        fractals: [],
        series: {
          time: [1_700_000_000_000, 1_700_000_060_000],
          ema20: [null, 100.8812],
          ema50: [null, null],
          ema200: [null, null],
          bollingerUpper: [null, 101.5],
          bollingerMiddle: [null, 100.9],
          bollingerLower: [null, 100.3],
          rsi14: [null, 55.5],
          macd: [null, 0.0123],
          macdSignal: [null, 0.01],
          macdHistogram: [null, 0.0023],
        },
      },
      prediction: null,
    };
    expect(decodeSnapshotBody(encodeSnapshotBody(body))).toEqual(body);
    expect(decodeSnapshotBody(encodeSnapshotBody({ candles: [], analysis: null, prediction: null }))).toEqual(
      {
        candles: [],
        analysis: null,
        prediction: null,
      },
    );
  });
});
