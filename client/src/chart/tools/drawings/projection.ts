import type { Logical } from 'lightweight-charts';
import { TIMEFRAME_MS } from '../../../../../shared/market-basics.ts';
import type { Drawing } from '../../../../../shared/workspace.ts';
import type { AppStore } from '../../../store/index.ts';
import { selectPricePrecision } from '../../../store/selectors.ts';
import type { ChartParts } from '../../create-price-chart.ts';
import { toChartTime } from '../../series-data.ts';
import { logicalToTime, timeToLogical, type Point, type Shape, type TimeAxis } from './geometry.ts';

/** A point of a drawing in market terms: a candle time (ms) and a price. */
export interface Anchor {
  time: number;
  price: number;
}

/** Drawings ⇄ the price pane's pixels, through the chart's current scales. */
export interface Projection {
  /** The time and price under a pixel, snapped to a candle and to the symbol's tick. */
  anchorAt: (point: Point) => Anchor | null;
  /** Where the drawings are now; the time axis is read once per redraw. */
  shapesOf: (drawings: readonly Drawing[]) => Shape[];
  pointOf: (anchor: Anchor) => Point | null;
  priceY: (price: number) => number | null;
  precision: () => number;
}

export function chartProjection(chart: ChartParts, store: AppStore): Projection {
  const precision = () => selectPricePrecision(store.getState());
  const priceY = (price: number) => chart.candleSeries.priceToCoordinate(price);

  const axis = (): TimeAxis => {
    const { candles, timeframe } = store.getState();
    const timeScale = chart.api.timeScale();
    const timeAt = (i: number) => (candles[i] as { time: number }).time;
    return {
      length: candles.length,
      timeAt,
      indexOf: (i) => timeScale.timeToIndex(toChartTime(timeAt(i))) ?? i,
      stepMs: TIMEFRAME_MS[timeframe],
    };
  };

  const pointOn = (timeAxis: TimeAxis, anchor: Anchor): Point | null => {
    const logical = timeToLogical(timeAxis, anchor.time);
    const x = logical === null ? null : chart.api.timeScale().logicalToCoordinate(logical as Logical);
    const y = priceY(anchor.price);
    return x === null || y === null ? null : { x, y };
  };

  const shapeOf = (timeAxis: TimeAxis, drawing: Drawing): Shape | null => {
    if (drawing.kind === 'price-line') {
      const y = priceY(drawing.price);
      return y === null ? null : { kind: 'price-line', id: drawing.id, y };
    }
    const from = pointOn(timeAxis, drawing.from);
    const to = pointOn(timeAxis, drawing.to);
    return from && to ? { kind: 'trend-line', id: drawing.id, from, to } : null;
  };

  return {
    precision,
    priceY,
    anchorAt(point) {
      const price = chart.candleSeries.coordinateToPrice(point.y);
      const logical = chart.api.timeScale().coordinateToLogical(point.x);
      const time = logical === null ? null : logicalToTime(axis(), logical);
      if (price === null || time === null) return null;
      return { time: Math.round(time), price: Number(price.toFixed(precision())) };
    },
    shapesOf(drawings) {
      const timeAxis = axis();
      return drawings.map((d) => shapeOf(timeAxis, d)).filter((s): s is Shape => s !== null);
    },
    pointOf: (anchor) => pointOn(axis(), anchor),
  };
}
