import type { Analysis, IndicatorSeries } from '../../../shared/analysis.ts';
import type { Candle, Timeframe } from '../../../shared/market.ts';
import { computeIndicators, valuesAt, type IndicatorColumns } from './batch-indicators.ts';
import { williamsFractals } from './fractals.ts';
import { summarize } from './summary.ts';

export interface AnalyzeOptions {
  symbol: string;
  timeframe: Timeframe;
  source: string;
  pricePrecision: number;
  now: number;
  /** How many of the latest candles the drawn series cover. */
  seriesLength?: number;
  /** How many recent fractals to report. */
  fractalCount?: number;
}

const round = (x: number | null | undefined, digits = 8) =>
  x === undefined || x === null ? null : Number(x.toFixed(digits));

/**
 * The drawn series, rounded to what a chart can show (two digits past the price's precision; four for
 * RSI), which keeps the subscribe ack about half the size.
 */
function seriesOf(
  candles: readonly Candle[],
  c: IndicatorColumns,
  length: number,
  pricePrecision: number,
): IndicatorSeries {
  const from = Math.max(0, candles.length - length);
  const digits = pricePrecision + 2;
  const pick = <T>(col: T[], f: (x: T) => number | undefined, d = digits) =>
    col.slice(from).map((x) => round(f(x), d));
  return {
    time: candles.slice(from).map((x) => x.time),
    ema20: pick(c.ema20, (x) => x),
    ema50: pick(c.ema50, (x) => x),
    ema200: pick(c.ema200, (x) => x),
    bollingerUpper: pick(c.bollinger, (x) => x?.upper),
    bollingerMiddle: pick(c.bollinger, (x) => x?.middle),
    bollingerLower: pick(c.bollinger, (x) => x?.lower),
    rsi14: pick(c.rsi14, (x) => x, 4),
    macd: pick(c.macd, (x) => x?.macd),
    macdSignal: pick(c.macd, (x) => x?.signal),
    macdHistogram: pick(c.macd, (x) => x?.histogram),
  };
}

/**
 * The full analysis of a stream from its candles (oldest first, the forming one last). Pure: the
 * same candles always give the same analysis.
 */
export function analyze(candles: readonly Candle[], options: AnalyzeOptions): Analysis {
  const columns = computeIndicators(candles);
  const latest = candles.length > 0 ? valuesAt(columns) : {};
  const last = candles.at(-1);
  // Fractals need two candles after them; the forming candle is not one yet.
  const fractals = williamsFractals(candles.slice(0, -1));
  const atrPercentHistory = columns.atr14.flatMap((atr, i) =>
    atr === undefined ? [] : [(atr / candles[i]!.close) * 100],
  );
  return {
    symbol: options.symbol,
    timeframe: options.timeframe,
    source: options.source,
    computedAt: options.now,
    candleTime: last?.time ?? options.now,
    candleCount: candles.length,
    latest,
    summary: summarize({
      symbol: options.symbol,
      timeframe: options.timeframe,
      close: last?.close ?? 0,
      latest,
      atrPercentHistory,
      fractals: fractals.slice(-50),
      candleCount: candles.length,
      pricePrecision: options.pricePrecision,
    }),
    fractals: fractals.slice(-(options.fractalCount ?? 30)),
    series: seriesOf(candles, columns, options.seriesLength ?? 1500, options.pricePrecision),
  };
}
