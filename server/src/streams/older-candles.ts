import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../../shared/market.ts';
import type { Cached } from '../cache/cached.ts';
import type { Clock } from '../kernel/clock.ts';
import type { MarketService } from '../market/market-service.ts';

/** How long a page of older candles is reused, as for every cold read of candles. */
const PAGE_TTL_MS = 60_000;
/**
 * Candles per cached page. Pages sit on a fixed grid of time, so any `before` and `limit` reads the
 * same few entries of a stream: a flood of distinct `before` values cannot multiply cache entries or
 * upstream requests beyond the pages that exist. 1,000 is one request on most exchanges.
 */
export const OLDER_PAGE_CANDLES = 1000;

/**
 * The `limit` candles opening before `before`, oldest first; empty when nothing older exists. Read
 * through the market (the adapters' own history: ccxt `fetchOHLCV` with `since`, the replay's
 * recordings, the timeframes built from smaller candles) and the one-minute cache, page by page.
 */
export function createOlderCandles(deps: { market: MarketService; cached: Cached; clock: Clock }) {
  const { market, cached, clock } = deps;
  const span = (timeframe: Timeframe) => OLDER_PAGE_CANDLES * TIMEFRAME_MS[timeframe];
  // Pages start on multiples of their span from the timeframe's own origin (weeks start on Monday).
  const pageStartOf = (time: number, timeframe: Timeframe) => {
    const origin = bucketStart(0, timeframe);
    return origin + Math.floor((time - origin) / span(timeframe)) * span(timeframe);
  };

  const page = (symbol: string, timeframe: Timeframe, start: number): Promise<Candle[]> => {
    const end = start + span(timeframe);
    // The minute is in the key because the newest page may hold the forming candle.
    const minute = bucketStart(clock(), '1m');
    return cached.getOrCompute(
      `candles-page:${market.info.id}:${symbol}:${timeframe}:${start}:${minute}`,
      PAGE_TTL_MS,
      async () => {
        // A page of weeks may start a few days before 1970, a time no exchange takes.
        const since = Math.max(0, start);
        const candles = await market.history(symbol, timeframe, { since, limit: OLDER_PAGE_CANDLES });
        // A source asked for a time before its first candle answers from its first one on: keep the page's own.
        return candles.filter((c) => c.time >= start && c.time < end);
      },
    );
  };

  return async (symbol: string, timeframe: Timeframe, before: number, limit: number): Promise<Candle[]> => {
    market.assertStream(symbol, timeframe);
    const pages: Candle[][] = [];
    let wanted = limit;
    // A `before` in the future asks for the newest candles: start from the page that holds now.
    const newest = Math.min(before - 1, clock());
    for (let start = pageStartOf(newest, timeframe); wanted > 0; start -= span(timeframe)) {
      const all = await page(symbol, timeframe, start);
      // An empty page is the start of the history (the recording's first hour, the market's listing).
      if (all.length === 0) break;
      // The newest page may hold nothing before `before` (it falls in a gap): go on to the one before.
      const candles = all.filter((c) => c.time < before);
      pages.unshift(candles);
      wanted -= candles.length;
    }
    return pages.flat().slice(-limit);
  };
}
