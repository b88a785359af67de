import { MAX_SNAPSHOT_CANDLES } from '../../../shared/protocol.ts';
import { bucketStart, type Candle, type Timeframe } from '../../../shared/market.ts';
import type { Cached } from '../cache/cached.ts';
import type { Clock } from '../kernel/clock.ts';
import type { MarketService } from '../market/market-service.ts';
import { createOlderCandles } from './older-candles.ts';
import type { Streams } from './port.ts';
import type { StreamHub } from './stream-hub.ts';

/** How long a cold stream's candles are reused: keeps HTTP pollers, chat and analyses off the exchange. */
const COLD_CANDLES_TTL_MS = 60_000;
/**
 * Cold reads fetch one of a few sizes and slice, so any `limit` shares one cache entry per stream and
 * minute (a flood of odd limits cannot multiply entries); 1,000 is one request on most exchanges.
 */
const FETCH_SIZES = [1000, 2000, MAX_SNAPSHOT_CANDLES] as const;

/** The streams the domains read: the hub's memory for watched streams, the market behind the cache. */
export function createStreams(deps: {
  hub: StreamHub;
  market: MarketService;
  cached: Cached;
  clock: Clock;
}): Streams {
  const { hub, market, cached, clock } = deps;
  const cold = async (symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> => {
    const size = FETCH_SIZES.find((s) => s >= limit) ?? limit;
    const minute = bucketStart(clock(), '1m');
    const candles = await cached.getOrCompute(
      `candles:${market.info.id}:${symbol}:${timeframe}:${size}:${minute}`,
      COLD_CANDLES_TTL_MS,
      () => market.history(symbol, timeframe, { limit: size }),
    );
    return candles.slice(-limit);
  };
  return {
    async recent(symbol, timeframe, limit) {
      market.assertStream(symbol, timeframe);
      return (await hub.latestWhenReady(symbol, timeframe, limit)) ?? (await cold(symbol, timeframe, limit));
    },
    older: createOlderCandles({ market, cached, clock }),
    watched: () => hub.watched(),
    viewed: () => hub.viewed(),
    onCandleClosed: (listener) => hub.onCandleClosed(listener),
  };
}
