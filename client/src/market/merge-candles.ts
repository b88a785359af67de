import type { Candle } from '../../../shared/market.ts';
import { MAX_SNAPSHOT_CANDLES } from '../../../shared/limits.ts';

/**
 * A tab left open for weeks keeps appending; beyond this the oldest candles are let go. Room for
 * pages of older candles too: the replay's 4h history since 2020-12-01 is about 13,000 candles.
 */
export const MAX_HELD_CANDLES = 8 * MAX_SNAPSHOT_CANDLES;

/** Anything keyed by a candle open time: candles, and the indicator values at each candle. */
export interface Timed {
  time: number;
}

/**
 * Merges items, oldest first, into a series sorted by open time: a newer time appends, the same time
 * replaces the forming item. Anything older than the newest item is dropped, because the chart can
 * only append or replace its newest bar; the socket binding buffers ticks so this does not lose data.
 * Returns the same array when nothing changed, so subscribers comparing by reference stay quiet.
 */
export function mergeByTime<T extends Timed>(series: readonly T[], incoming: readonly T[]): readonly T[] {
  let merged: T[] | null = null;
  for (const item of incoming) {
    const current: readonly T[] = merged ?? series;
    const last = current.at(-1);
    if (last && item.time < last.time) continue;
    merged ??= series.slice();
    if (last && item.time === last.time) merged[merged.length - 1] = item;
    else merged.push(item);
  }
  if (merged && merged.length > MAX_HELD_CANDLES) merged.splice(0, merged.length - MAX_HELD_CANDLES);
  return merged ?? series;
}

/** Items of `next` that are new or changed since `prev`, assuming `next` grew from `prev` by merging. */
export function itemsSince<T extends Timed>(prev: readonly T[], next: readonly T[]): readonly T[] {
  const prevLast = prev.at(-1);
  if (!prevLast) return next;
  let start = next.length;
  while (start > 0 && (next[start - 1] as T).time >= prevLast.time) start--;
  // The previous newest item comes back only if a merge replaced it.
  if (next[start] === prevLast) start++;
  return next.slice(start);
}

export const mergeCandles: (series: readonly Candle[], incoming: readonly Candle[]) => readonly Candle[] =
  mergeByTime;
export const candlesSince: (prev: readonly Candle[], next: readonly Candle[]) => readonly Candle[] =
  itemsSince;
