import type { Candle } from '../../../shared/market.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Change24h {
  percent: number;
  /** How far back the reference candle is: a full day, or less when the history is shorter. */
  spanMs: number;
}

/**
 * Change of the last close against the close of the candle at or just before `last.time − 24h`.
 * When the candles do not reach back a day, the oldest candle is used and `spanMs` says how far back
 * that is, so the UI never passes a shorter window off as 24 hours.
 */
export function computeChange24h(candles: readonly Candle[]): Change24h | null {
  const first = candles[0];
  const last = candles.at(-1);
  if (!first || !last || first === last) return null;
  const index = lastIndexAtOrBefore(candles, last.time - DAY_MS);
  const reference = index >= 0 ? (candles[index] as Candle) : first;
  return {
    percent: ((last.close - reference.close) / reference.close) * 100,
    spanMs: index >= 0 ? DAY_MS : last.time - first.time,
  };
}

function lastIndexAtOrBefore(candles: readonly Candle[], time: number): number {
  let low = 0;
  let high = candles.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((candles[middle] as Candle).time <= time) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
