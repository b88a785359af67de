import { describe, expect, it } from 'vitest';
import type { IndicatorSeries } from '../../../shared/analysis.ts';
import { MINUTE, T0 } from '../test-support.ts';
import { pointFromValues, pointsFromSeries } from './indicator-points.ts';

const column = (...values: Array<number | null>) => values;

function series(overrides: Partial<IndicatorSeries> = {}): IndicatorSeries {
  return {
    time: [T0, T0 + MINUTE],
    ema20: column(1, 2),
    ema50: column(null, 3),
    ema200: column(null, null),
    bollingerUpper: column(10, 11),
    bollingerMiddle: column(9, 10),
    bollingerLower: column(8, 9),
    rsi14: column(40, 60),
    macd: column(0.1, 0.2),
    macdSignal: column(0.05, 0.1),
    macdHistogram: column(0.05, 0.1),
    ...overrides,
  };
}

describe('pointsFromSeries', () => {
  it('turns the columns into one point per candle, null where undefined', () => {
    expect(pointsFromSeries(series())).toEqual([
      {
        time: T0,
        ema20: 1,
        ema50: null,
        ema200: null,
        bollingerUpper: 10,
        bollingerMiddle: 9,
        bollingerLower: 8,
        rsi14: 40,
        macd: 0.1,
        macdSignal: 0.05,
        macdHistogram: 0.05,
      },
      {
        time: T0 + MINUTE,
        ema20: 2,
        ema50: 3,
        ema200: null,
        bollingerUpper: 11,
        bollingerMiddle: 10,
        bollingerLower: 9,
        rsi14: 60,
        macd: 0.2,
        macdSignal: 0.1,
        macdHistogram: 0.1,
      },
    ]);
  });

  it('reads short columns and non-finite values as null, and drops times that do not increase', () => {
    const points = pointsFromSeries(
      series({
        time: [T0, T0, T0 + MINUTE, T0 - MINUTE],
        ema20: column(1),
        rsi14: [Number.NaN, 50, 55, 60],
      }),
    );
    expect(points.map((p) => [p.time, p.ema20, p.rsi14])).toEqual([
      [T0, 1, null],
      [T0 + MINUTE, null, 55],
    ]);
  });
});

describe('pointFromValues', () => {
  it('flattens the nested values of a candle event, absent ones as null', () => {
    expect(
      pointFromValues(T0, {
        ema20: 5,
        rsi14: 70,
        macd: { macd: 1, signal: 2, histogram: -1 },
        bollinger: { upper: 3, middle: 2, lower: 1 },
        atr14: 9,
      }),
    ).toEqual({
      time: T0,
      ema20: 5,
      ema50: null,
      ema200: null,
      bollingerUpper: 3,
      bollingerMiddle: 2,
      bollingerLower: 1,
      rsi14: 70,
      macd: 1,
      macdSignal: 2,
      macdHistogram: -1,
    });
  });
});
