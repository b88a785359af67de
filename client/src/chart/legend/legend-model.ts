import type { Candle } from '../../../../shared/market.ts';
import type { IndicatorLine, IndicatorPoint } from '../../market/indicator-points.ts';
import type { IndicatorToggles } from '../../store/indicator-toggles.ts';
import { INDICATOR_COLORS } from '../theme.ts';

/** A candle as the legend shows it, with its move from the candle before. */
export interface LegendCandle extends Candle {
  /** Close against the previous close, as trading terminals show it; against its own open for the first candle. */
  change: number;
  changePercent: number;
}

export interface Legend {
  candle: LegendCandle;
  /** The drawn indicator values at that candle; null before an analysis covers it. */
  values: IndicatorPoint | null;
  /** The newest candle, shown because no candle is under the crosshair: it follows the ticks. */
  live: boolean;
}

/** Index of the item opening at `time` in a series sorted by time, or -1. */
export function indexAtTime(items: ReadonlyArray<{ time: number }>, time: number): number {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = (items[mid] as { time: number }).time;
    if (at === time) return mid;
    if (at < time) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/**
 * The legend for the candle under the crosshair (`time`, ms), or for the newest candle when there is
 * none: the cursor is away, or over the forecast ahead of the last candle. Read from the same candles
 * and indicator points the chart draws, so the legend never disagrees with a bar.
 */
export function legendAt(
  candles: readonly Candle[],
  indicators: readonly IndicatorPoint[],
  time: number | null,
): Legend | null {
  const hovered = time === null ? -1 : indexAtTime(candles, time);
  const index = hovered >= 0 ? hovered : candles.length - 1;
  const candle = candles[index];
  if (!candle) return null;
  const reference = candles[index - 1]?.close ?? candle.open;
  const change = candle.close - reference;
  const pointIndex = indexAtTime(indicators, candle.time);
  return {
    candle: { ...candle, change, changePercent: reference === 0 ? 0 : (change / reference) * 100 },
    values: pointIndex >= 0 ? (indicators[pointIndex] as IndicatorPoint) : null,
    live: hovered < 0,
  };
}

/** One value in the legend: its line, what to call it, its colour on the chart, its value at the candle. */
export interface LegendValue {
  line: IndicatorLine;
  name: string;
  /** Written before the value where the group has several of a kind: the EMAs' lengths. */
  tag?: string;
  color: string;
  value: number | null;
}

/** A group of values under one title: `EMA`, `BB 20 2`, `RSI 14`, `MACD 12 26 9`. */
export interface LegendGroup {
  id: 'ema' | 'bollinger' | 'rsi' | 'macd';
  title: string;
  values: LegendValue[];
}

const at = (point: IndicatorPoint | null, line: IndicatorLine) => point?.[line] ?? null;

/** The groups of the price pane's legend: only what is switched on, in the toggle bar's order. */
export function overlayGroups(toggles: IndicatorToggles, point: IndicatorPoint | null): LegendGroup[] {
  const groups: LegendGroup[] = [];
  const emas = (['ema20', 'ema50', 'ema200'] as const)
    .filter((line) => toggles[line])
    .map((line) => ({
      line,
      name: `EMA ${line.slice(3)}`,
      tag: line.slice(3),
      color: INDICATOR_COLORS[line],
      value: at(point, line),
    }));
  if (emas.length > 0) groups.push({ id: 'ema', title: 'EMA', values: emas });
  if (toggles.bollinger)
    groups.push({
      id: 'bollinger',
      title: 'BB 20 2',
      values: (
        [
          ['bollingerUpper', 'Upper band'],
          ['bollingerMiddle', 'Middle band'],
          ['bollingerLower', 'Lower band'],
        ] as const
      ).map(([line, name]) => ({ line, name, color: INDICATOR_COLORS.bollinger, value: at(point, line) })),
    });
  return groups;
}

/** The label of the RSI pane. */
export function rsiGroup(point: IndicatorPoint | null): LegendGroup {
  return {
    id: 'rsi',
    title: 'RSI 14',
    values: [{ line: 'rsi14', name: 'RSI 14', color: INDICATOR_COLORS.rsi, value: at(point, 'rsi14') }],
  };
}

/** The label of the MACD pane; the histogram's colour follows its sign, as its bars do, in the theme's up and down. */
export function macdGroup(point: IndicatorPoint | null): LegendGroup {
  const histogram = at(point, 'macdHistogram');
  return {
    id: 'macd',
    title: 'MACD 12 26 9',
    values: [
      { line: 'macd', name: 'MACD', color: INDICATOR_COLORS.macd, value: at(point, 'macd') },
      {
        line: 'macdSignal',
        name: 'Signal',
        color: INDICATOR_COLORS.macdSignal,
        value: at(point, 'macdSignal'),
      },
      {
        line: 'macdHistogram',
        name: 'Histogram',
        color: histogram !== null && histogram < 0 ? 'var(--down)' : 'var(--up)',
        value: histogram,
      },
    ],
  };
}
