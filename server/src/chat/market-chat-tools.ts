import { bucketStart, type Timeframe } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import type { Cached } from '../cache/cached.ts';
import type { Clock } from '../clock.ts';
import type { MarketService } from '../market/market-service.ts';
import type { StreamHub } from '../realtime/stream-hub.ts';
import type { ChatTools } from './engine/chat-tools.ts';

/** The latest forecast of a stream, or null while there is none (or no forecaster at all). */
export type PredictionLookup = (symbol: string, timeframe: Timeframe) => Promise<Prediction | null>;

export const noPredictions: PredictionLookup = async () => null;

/** How long a cold stream's candles are reused, as for GET /api/candles: keeps chat off the exchange. */
const COLD_CANDLES_TTL_MS = 60_000;

/**
 * What the chat engine reads, from the services the dashboard uses, so an answer always matches the
 * chart: a watched stream's candles from memory (live to the tick), anything else through the
 * one-minute cache, the analysis and forecast from their own caches.
 */
export function marketChatTools(deps: {
  market: MarketService;
  hub: StreamHub;
  analysis: AnalysisService;
  cached: Cached;
  clock: Clock;
  prediction?: PredictionLookup;
}): ChatTools {
  const { market, hub, analysis, cached, clock } = deps;
  const prediction = deps.prediction ?? noPredictions;
  return {
    symbols: () => market.symbols(),
    async candles(symbol, timeframe, limit) {
      market.assertStream(symbol, timeframe);
      return (
        hub.latest(symbol, timeframe, limit) ??
        (await cached.getOrCompute(
          `candles:${market.info.id}:${symbol}:${timeframe}:${limit}:${bucketStart(clock(), '1m')}`,
          COLD_CANDLES_TTL_MS,
          () => market.history(symbol, timeframe, { limit }),
        ))
      );
    },
    analysis: async (symbol, timeframe) => (await analysis.get(symbol, timeframe)).analysis,
    prediction: (symbol, timeframe) => prediction(symbol, timeframe),
    now: () => clock(),
  };
}
