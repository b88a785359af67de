import type { Timeframe } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { Ticker } from '../../../shared/tickers.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import type { Clock } from '../kernel/clock.ts';
import type { MarketService } from '../market/market-service.ts';
import type { Streams } from '../streams/port.ts';
import type { ChatTools } from './engine/chat-tools.ts';
import type { FeedFreshness } from './feed-freshness.ts';

/** The latest forecast of a stream, or null while there is none (or no forecaster at all). */
export type PredictionLookup = (symbol: string, timeframe: Timeframe) => Promise<Prediction | null>;

export const noPredictions: PredictionLookup = async () => null;

/**
 * What the chat engine reads, from the services the dashboard uses, so an answer always matches the
 * chart: a watched stream's candles from memory (live to the tick), anything else through the
 * one-minute cache, the analysis and forecast from their own caches.
 */
export function marketChatTools(deps: {
  market: MarketService;
  streams: Pick<Streams, 'recent' | 'watched'>;
  analysis: AnalysisService;
  clock: Clock;
  prediction?: PredictionLookup;
  /** A symbol's rolling 24-hour ticker (server/src/tickers), the one the dashboard shows. */
  ticker?: (symbol: string) => Promise<Ticker | undefined>;
  /** Whether watched feeds are live; without it only candle times tell an answer's data is stale. */
  feeds?: FeedFreshness;
}): ChatTools {
  const { market, streams, analysis, clock, feeds } = deps;
  const prediction = deps.prediction ?? noPredictions;
  return {
    symbols: () => market.symbols(),
    timeframes: () => market.timeframes(),
    candles: (symbol, timeframe, limit) => streams.recent(symbol, timeframe, limit),
    analysis: async (symbol, timeframe) => (await analysis.get(symbol, timeframe)).analysis,
    prediction: (symbol, timeframe) => prediction(symbol, timeframe),
    now: () => clock(),
    ticker: deps.ticker,
    feedStaleSince: (symbol) => feeds?.staleSince(symbol, streams.watched()),
  };
}
