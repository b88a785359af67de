import type { IndicatorValues } from '../../../shared/analysis.ts';
import type { Candle, Timeframe } from '../../../shared/market.ts';

export interface StreamId {
  symbol: string;
  timeframe: Timeframe;
}

/**
 * A stream's chart indicators kept up to date candle by candle. The streams domain only holds it;
 * what it computes is analysis's business, injected by the composition root.
 */
export interface LiveChartIndicators {
  /** The values at the latest candle applied (or the last of the history it started from). */
  readonly current: IndicatorValues;
  /** Applies a candle (a new time appends, the same time replaces the forming one) and returns the values. */
  update(candle: Candle): IndicatorValues;
}

export type LiveIndicatorsFactory = (history: readonly Candle[]) => LiveChartIndicators;

/**
 * What the domains above read of the live streams: the one way to get a stream's recent candles, the
 * streams someone watches, and when a candle closes.
 */
export interface Streams {
  /**
   * The latest `limit` candles, ascending, the forming one last: from memory when the stream is
   * watched (live to the tick), otherwise from the market through the one-minute cache.
   */
  recent(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]>;
  /**
   * The `limit` candles opening before `before` (ms, exclusive), ascending; empty when nothing older
   * exists. For paging back through history, from the market through the one-minute cache.
   */
  older(symbol: string, timeframe: Timeframe, before: number, limit: number): Promise<Candle[]>;
  /** Every stream open on this instance (viewed, lingering, or kept open for alerts). */
  watched(): StreamId[];
  /** The streams a viewer watches: what analyses and forecasts are made for. */
  viewed(): StreamId[];
  /**
   * Calls `listener` whenever a candle of an open stream closes, saying whether a viewer watches it;
   * returns the way to stop.
   */
  onCandleClosed(listener: (closed: StreamId & { viewed: boolean }) => void): () => void;
}
