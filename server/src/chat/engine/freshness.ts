import type { ChatFigure } from '../../../../shared/chat-answer.ts';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/market.ts';
import type { ChatTools } from './chat-tools.ts';
import { formatUtcTime } from './format-numbers.ts';

/** The newest candle of one stream an answer read its figures from. */
export interface CandleRead {
  symbol: string;
  timeframe: Timeframe;
  /** Open time of the newest candle read. */
  time: number;
}

/**
 * When the data behind an answer stopped being live, or undefined while it is live. Two signs, the
 * earliest wins: a symbol's live feed says it is stale (an exchange outage: the candles held in
 * memory stop moving), or the newest candle read is older than its timeframe allows. The forming
 * candle of `now` opened less than one period ago; one period more covers a close not yet received.
 */
export function staleSince(
  reads: readonly CandleRead[],
  now: number,
  feedStaleSince: ChatTools['feedStaleSince'],
): number | undefined {
  const since: number[] = [];
  for (const read of reads) if (now - read.time >= 2 * TIMEFRAME_MS[read.timeframe]) since.push(read.time);
  for (const symbol of new Set(reads.map((r) => r.symbol))) {
    const feed = feedStaleSince?.(symbol);
    if (feed !== undefined) since.push(feed);
  }
  return since.length > 0 ? Math.min(...since) : undefined;
}

/** Said before the answer, so nobody takes the last price received for the current one. */
export function staleNote(since: number, now: number): string {
  return (
    `Stale since ${formatUtcTime(since, now)}: the live market data has stopped updating, ` +
    'so these are the last figures received, not current ones.'
  );
}

/** No figure claims to be newer than the moment its data stopped. */
export function capAsOf(figures: readonly ChatFigure[], since: number): ChatFigure[] {
  return figures.map((f) => (f.asOf > since ? { ...f, asOf: since } : f));
}
