import { TIMEFRAMES, TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../shared/market.ts';

/** At most this many candles to read a change: enough resolution without a large fetch. */
const MAX_CANDLES = 720;

/** The smallest timeframe that covers `ms` in at most 720 candles, and how many candles to ask for. */
export function candlesForSpan(ms: number): { timeframe: Timeframe; limit: number } {
  const timeframe = TIMEFRAMES.find((tf) => ms / TIMEFRAME_MS[tf] <= MAX_CANDLES) ?? '1d';
  // One candle more for the reference before the span, one for the forming candle.
  return { timeframe, limit: Math.ceil(ms / TIMEFRAME_MS[timeframe]) + 2 };
}

export interface PriceChange {
  last: Candle;
  /** The close the change is measured from: the price at the start of the span. */
  reference: number;
  percent: number;
  high: number;
  low: number;
  /** The span actually covered; shorter than asked when the history does not reach back. */
  spanMs: number;
}

/**
 * Change of the last close against the close at the start of the span — the close of the last
 * candle that had closed by then, as the dashboard's 24-hour change does. When the candles do not
 * reach back, the oldest open is used and `spanMs` says how far back that is.
 */
export function priceChange(
  candles: readonly Candle[],
  timeframe: Timeframe,
  spanMs: number,
): PriceChange | undefined {
  const last = candles.at(-1);
  if (!last) return undefined;
  const step = TIMEFRAME_MS[timeframe];
  const end = last.time + step;
  const start = end - spanMs;
  let index = -1;
  for (let i = candles.length - 1; i >= 0; i--) {
    if (candles[i]!.time + step <= start) {
      index = i;
      break;
    }
  }
  const reference = index >= 0 ? candles[index]!.close : candles[0]!.open;
  const inside = candles.slice(index + 1);
  return {
    last,
    reference,
    percent: ((last.close - reference) / reference) * 100,
    high: Math.max(...inside.map((c) => c.high)),
    low: Math.min(...inside.map((c) => c.low)),
    spanMs: index >= 0 ? spanMs : end - candles[0]!.time,
  };
}
