import type {
  CandlestickData,
  HistogramData,
  LineData,
  SeriesMarker,
  UTCTimestamp,
} from 'lightweight-charts';
import type { Fractal } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { IndicatorLine, IndicatorPoint } from '../market/indicator-points.ts';
import { MARKET_COLORS } from './theme.ts';

/** Candle times are Unix milliseconds; lightweight-charts counts UTC seconds. */
export function toChartTime(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}

export function toCandlestickBar(candle: Candle): CandlestickData<UTCTimestamp> {
  const { open, high, low, close } = candle;
  return { time: toChartTime(candle.time), open, high, low, close };
}

export function toVolumeBar(candle: Candle): HistogramData<UTCTimestamp> {
  return {
    time: toChartTime(candle.time),
    value: candle.volume,
    color: candle.close >= candle.open ? MARKET_COLORS.volumeUp : MARKET_COLORS.volumeDown,
  };
}

/** One line's value at a point; null where the indicator is not defined yet, which is left out. */
export function toLinePoint(point: IndicatorPoint, line: IndicatorLine): LineData<UTCTimestamp> | null {
  const value = point[line];
  return value === null ? null : { time: toChartTime(point.time), value };
}

export function toLineData(points: readonly IndicatorPoint[], line: IndicatorLine): LineData<UTCTimestamp>[] {
  const data: LineData<UTCTimestamp>[] = [];
  for (const point of points) {
    const bar = toLinePoint(point, line);
    if (bar) data.push(bar);
  }
  return data;
}

/** The MACD histogram bar, green above zero and red below. */
export function toHistogramBar(point: IndicatorPoint): HistogramData<UTCTimestamp> | null {
  const value = point.macdHistogram;
  if (value === null) return null;
  return {
    time: toChartTime(point.time),
    value,
    color: value >= 0 ? MARKET_COLORS.histogramUp : MARKET_COLORS.histogramDown,
  };
}

export function toHistogramData(points: readonly IndicatorPoint[]): HistogramData<UTCTimestamp>[] {
  const data: HistogramData<UTCTimestamp>[] = [];
  for (const point of points) {
    const bar = toHistogramBar(point);
    if (bar) data.push(bar);
  }
  return data;
}

/** Williams fractals as small arrows: pointing down above a fractal high, up below a fractal low. */
export function toFractalMarkers(fractals: readonly Fractal[]): SeriesMarker<UTCTimestamp>[] {
  return [...fractals]
    .sort((a, b) => a.time - b.time)
    .map((fractal) =>
      fractal.kind === 'high'
        ? {
            time: toChartTime(fractal.time),
            position: 'aboveBar',
            shape: 'arrowDown',
            color: MARKET_COLORS.fractalHigh,
            size: 0.6,
          }
        : {
            time: toChartTime(fractal.time),
            position: 'belowBar',
            shape: 'arrowUp',
            color: MARKET_COLORS.fractalLow,
            size: 0.6,
          },
    );
}
