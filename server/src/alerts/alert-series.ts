import type { IndicatorValues } from '../../../shared/analysis.ts';
import type { AlertCondition, Crossing } from '../../../shared/alerts.ts';

/**
 * What a condition watches, as one number per reading that crosses a level: every kind of alert
 * becomes "series S crosses level L going up (or down)", so one sorted book per series serves all.
 *
 * - `price`: the last price (with the candle's new highs and lows between two readings);
 * - `rsi`: RSI 14;
 * - `ema20`/`ema50`/`ema200`: price − EMA, crossing 0 when the price crosses the EMA;
 * - `macd`: MACD − signal, crossing 0 when the lines cross;
 * - `move:N`: the last price against the close N candles before the forming one, in percent.
 */
export type SeriesKey = 'price' | 'rsi' | 'ema20' | 'ema50' | 'ema200' | 'macd' | `move:${number}`;

export interface SeriesLevel {
  series: SeriesKey;
  crossing: Crossing;
  level: number;
}

export function seriesLevelOf(condition: AlertCondition): SeriesLevel {
  switch (condition.kind) {
    case 'price':
      return { series: 'price', crossing: condition.op, level: condition.value };
    case 'rsi':
      return { series: 'rsi', crossing: condition.op, level: condition.value };
    case 'ema':
      return { series: `ema${condition.period}`, crossing: condition.op, level: 0 };
    case 'macd':
      return { series: 'macd', crossing: condition.op, level: 0 };
    case 'move':
      return {
        series: `move:${condition.bars}`,
        crossing: condition.percent > 0 ? 'above' : 'below',
        level: condition.percent,
      };
  }
}

/** The candles of a move series: `move:3` → 3. */
export const moveBarsOf = (series: SeriesKey): number | undefined =>
  series.startsWith('move:') ? Number(series.slice(5)) : undefined;

/**
 * An indicator series' value at a reading, or undefined while the indicator has too few candles.
 * `close` is the reading's last price.
 */
export function indicatorValue(
  series: SeriesKey,
  close: number,
  indicators: IndicatorValues,
): number | undefined {
  switch (series) {
    case 'rsi':
      return indicators.rsi14;
    case 'ema20':
    case 'ema50':
    case 'ema200': {
      const ema = indicators[series];
      return ema === undefined ? undefined : close - ema;
    }
    case 'macd':
      return indicators.macd && indicators.macd.macd - indicators.macd.signal;
    default:
      return undefined;
  }
}
