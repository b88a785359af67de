import { describe, expect, it } from 'vitest';
import { pointFromValues } from '../market/indicator-points.ts';
import { MINUTE, T0 } from '../test-support.ts';
import { toFractalMarkers, toHistogramData, toLineData, toLinePoint } from './series-data.ts';
import { MARKET_COLORS } from './theme.ts';

const T0_SECONDS = T0 / 1000;
const points = [
  pointFromValues(T0, { rsi14: 40, macd: { macd: 1, signal: 2, histogram: -1 } }),
  pointFromValues(T0 + MINUTE, { ema20: 100.5, rsi14: 45, macd: { macd: 2, signal: 1, histogram: 1 } }),
];

describe('indicator lines for the chart', () => {
  it('use UTC seconds and leave out undefined values', () => {
    expect(toLineData(points, 'ema20')).toEqual([{ time: T0_SECONDS + 60, value: 100.5 }]);
    expect(toLineData(points, 'rsi14')).toEqual([
      { time: T0_SECONDS, value: 40 },
      { time: T0_SECONDS + 60, value: 45 },
    ]);
    expect(toLinePoint(points[0]!, 'ema20')).toBeNull();
  });

  it('colour the MACD histogram by its sign', () => {
    expect(toHistogramData(points)).toEqual([
      { time: T0_SECONDS, value: -1, color: MARKET_COLORS.histogramDown },
      { time: T0_SECONDS + 60, value: 1, color: MARKET_COLORS.histogramUp },
    ]);
  });
});

describe('fractal markers', () => {
  it('point down above highs and up below lows, in time order', () => {
    const markers = toFractalMarkers([
      { time: T0 + 2 * MINUTE, kind: 'low', price: 90 },
      { time: T0, kind: 'high', price: 110 },
    ]);
    expect(markers.map((m) => [m.time, m.position, m.shape])).toEqual([
      [T0_SECONDS, 'aboveBar', 'arrowDown'],
      [T0_SECONDS + 120, 'belowBar', 'arrowUp'],
    ]);
    expect(markers.every((m) => (m.size ?? 1) < 1)).toBe(true);
  });
});
