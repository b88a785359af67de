import { describe, expect, it } from 'vitest';
import { pointsFromSeries } from '../../market/indicator-points.ts';
import { DEFAULT_TOGGLES } from '../../store/indicator-toggles.ts';
import { candle, indicatorSeries, MINUTE, minuteCandles, T0 } from '../../test-support.ts';
import { indexAtTime, legendAt, macdGroup, overlayGroups, rsiGroup } from './legend-model.ts';

const candles = minuteCandles(T0, 5); // closes 100…104, each opening where it closes
const points = pointsFromSeries(indicatorSeries(candles));

describe('the legend', () => {
  it('shows the candle under the crosshair with its indicator values', () => {
    const legend = legendAt(candles, points, T0 + 2 * MINUTE);
    expect(legend?.live).toBe(false);
    expect(legend?.candle).toMatchObject(candles[2]!);
    expect(legend?.values).toBe(points[2]);
  });

  it('shows the newest candle when the crosshair is away or over no candle (the forecast ahead)', () => {
    for (const time of [null, T0 + 10 * MINUTE, T0 + 30_000]) {
      const legend = legendAt(candles, points, time);
      expect(legend?.live).toBe(true);
      expect(legend?.candle.time).toBe(T0 + 4 * MINUTE);
    }
    expect(legendAt([], [], null)).toBeNull();
  });

  it('measures the change from the previous close, and the first candle from its own open', () => {
    const series = [candle(T0, 100, 90), candle(T0 + MINUTE, 95, 99)];
    expect(legendAt(series, [], T0 + MINUTE)?.candle).toMatchObject({ change: -5, changePercent: -5 });
    expect(legendAt(series, [], T0)?.candle).toMatchObject({ change: 10 });
    expect(legendAt(series, [], T0)?.candle.changePercent).toBeCloseTo(11.111, 3);
  });

  it('has no values before the analysis covers the candle', () => {
    expect(legendAt(candles, points.slice(0, 3), T0 + 4 * MINUTE)?.values).toBeNull();
  });

  it('finds items by exact open time only', () => {
    expect(indexAtTime(candles, T0 + 3 * MINUTE)).toBe(3);
    expect(indexAtTime(candles, T0 + 3 * MINUTE + 1)).toBe(-1);
    expect(indexAtTime([], T0)).toBe(-1);
  });
});

describe('legend groups', () => {
  const point = points[4]!;

  it('list the overlays switched on, in the toggle bar order', () => {
    const groups = overlayGroups(DEFAULT_TOGGLES, point);
    expect(groups.map((g) => g.title)).toEqual(['EMA', 'BB 20 2']);
    expect(groups[0]?.values.map((v) => [v.tag, v.value])).toEqual([
      ['20', 103],
      ['50', 102],
      ['200', null],
    ]);
    expect(groups[1]?.values.map((v) => v.value)).toEqual([109, 104, 99]);

    const some = overlayGroups({ ...DEFAULT_TOGGLES, ema20: false, ema200: false, bollinger: false }, point);
    expect(some.map((g) => g.values.map((v) => v.line))).toEqual([['ema50']]);
    const none = overlayGroups(
      { ...DEFAULT_TOGGLES, ema20: false, ema50: false, ema200: false, bollinger: false },
      point,
    );
    expect(none).toEqual([]);
  });

  it('label the RSI and MACD panes, the histogram coloured by its sign', () => {
    expect(rsiGroup(point).values[0]?.value).toBe(50);
    expect(macdGroup(point).values.map((v) => v.value)).toEqual([1, 0.5, 0.5]);
    expect(macdGroup(point).values[2]?.color).toBe('var(--up)');
    expect(macdGroup({ ...point, macdHistogram: -0.5 }).values[2]?.color).toBe('var(--down)');
    expect(macdGroup(null).values.every((v) => v.value === null)).toBe(true);
  });
});
