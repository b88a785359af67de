import type { Timeframe } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import type { Clock } from '../kernel/clock.ts';
import type { MarketService } from '../market/market-service.ts';
import type { Streams } from '../streams/port.ts';
import type { ChatTools } from './engine/chat-tools.ts';

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
  streams: Pick<Streams, 'recent'>;
  analysis: AnalysisService;
  clock: Clock;
  prediction?: PredictionLookup;
}): ChatTools {
  const { market, streams, analysis, clock } = deps;
  const prediction = deps.prediction ?? noPredictions;
  return {
    symbols: () => market.symbols(),
    candles: (symbol, timeframe, limit) => streams.recent(symbol, timeframe, limit),
    analysis: async (symbol, timeframe) => (await analysis.get(symbol, timeframe)).analysis,
    prediction: (symbol, timeframe) => prediction(symbol, timeframe),
    now: () => clock(),
  };
}
