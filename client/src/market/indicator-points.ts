import type { IndicatorSeries, IndicatorValues } from '../../../shared/analysis.ts';

/** The drawn indicator lines: the columns of `IndicatorSeries` besides `time`. */
export const INDICATOR_LINES = [
  'ema20',
  'ema50',
  'ema200',
  'bollingerUpper',
  'bollingerMiddle',
  'bollingerLower',
  'rsi14',
  'macd',
  'macdSignal',
  'macdHistogram',
] as const satisfies ReadonlyArray<Exclude<keyof IndicatorSeries, 'time'>>;

export type IndicatorLine = (typeof INDICATOR_LINES)[number];

/**
 * The drawn indicators at one candle: a row of `IndicatorSeries`, null where not yet defined. Rows
 * rather than columns, so a tick merges into them exactly as a candle merges into the candles.
 */
export type IndicatorPoint = { time: number } & Record<IndicatorLine, number | null>;

/** Rows from the server's columns. Ragged columns read as null; times that do not increase are dropped. */
export function pointsFromSeries(series: IndicatorSeries): IndicatorPoint[] {
  const points: IndicatorPoint[] = [];
  series.time.forEach((time, index) => {
    const last = points.at(-1);
    if (!Number.isFinite(time) || (last && time <= last.time)) return;
    const point = { time } as IndicatorPoint;
    for (const line of INDICATOR_LINES) point[line] = finiteOrNull(series[line]?.[index]);
    points.push(point);
  });
  return points;
}

/** The row for the indicator values a candle event carries. */
export function pointFromValues(time: number, values: IndicatorValues): IndicatorPoint {
  return {
    time,
    ema20: finiteOrNull(values.ema20),
    ema50: finiteOrNull(values.ema50),
    ema200: finiteOrNull(values.ema200),
    bollingerUpper: finiteOrNull(values.bollinger?.upper),
    bollingerMiddle: finiteOrNull(values.bollinger?.middle),
    bollingerLower: finiteOrNull(values.bollinger?.lower),
    rsi14: finiteOrNull(values.rsi14),
    macd: finiteOrNull(values.macd?.macd),
    macdSignal: finiteOrNull(values.macd?.signal),
    macdHistogram: finiteOrNull(values.macd?.histogram),
  };
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
