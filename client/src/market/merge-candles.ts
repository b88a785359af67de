import type { Candle } from '../../../shared/market.ts';
import { MAX_SNAPSHOT_CANDLES } from '../../../shared/protocol.ts';

/** A tab left open for weeks keeps appending; beyond this the oldest candles are let go. */
export const MAX_HELD_CANDLES = 2 * MAX_SNAPSHOT_CANDLES;

/**
 * Merges candles, oldest first, into a series sorted by open time: a newer time appends, the same time
 * replaces the forming candle. Anything older than the newest candle is dropped, because the chart can
 * only append or replace its newest bar; the socket binding buffers ticks so this does not lose data.
 * Returns the same array when nothing changed, so subscribers comparing by reference stay quiet.
 */
export function mergeCandles(series: readonly Candle[], incoming: readonly Candle[]): readonly Candle[] {
  let merged: Candle[] | null = null;
  for (const candle of incoming) {
    const current: readonly Candle[] = merged ?? series;
    const last = current.at(-1);
    if (last && candle.time < last.time) continue;
    merged ??= series.slice();
    if (last && candle.time === last.time) merged[merged.length - 1] = candle;
    else merged.push(candle);
  }
  if (merged && merged.length > MAX_HELD_CANDLES) merged.splice(0, merged.length - MAX_HELD_CANDLES);
  return merged ?? series;
}

/** Candles of `next` that are new or changed since `prev`, assuming `next` grew from `prev` by merging. */
export function candlesSince(prev: readonly Candle[], next: readonly Candle[]): readonly Candle[] {
  const prevLast = prev.at(-1);
  if (!prevLast) return next;
  let start = next.length;
  while (start > 0 && (next[start - 1] as Candle).time >= prevLast.time) start--;
  // The previous newest candle comes back only if a merge replaced it.
  if (next[start] === prevLast) start++;
  return next.slice(start);
}
