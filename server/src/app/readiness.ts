import type { HealthCheck, ReadinessResponse } from '../../../shared/http.ts';
import type { CacheStore } from '../cache/port.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { MarketService } from '../market/market-service.ts';
import type { FeedHealth } from '../streams/stream-hub.ts';

/** A probe slower than this has failed: /readyz answers in time even when a dependency hangs. */
const PROBE_TIMEOUT_MS = 2_000;

export interface ReadinessDeps {
  market: MarketService;
  cache: CacheStore;
  database: DatabaseHandle;
  feeds: { feedHealth(): FeedHealth[] };
}

/**
 * GET /readyz. Ready means this instance can serve users now: its markets are loaded and its database
 * answers. A load balancer takes it out only then, when it could not serve.
 *
 * Everything else that fails only degrades it, named in `degraded`, and readiness holds:
 * - Redis away: each instance feeds itself, caches in process memory and limits on its own until
 *   Redis answers again; nothing is refused.
 * - An exchange outage: watched streams go stale; charts (marked stale), history, analyses and
 *   forecasts still serve what is known, and every other instance faces the same exchange, so taking
 *   this one out would help nobody. It is unready only while its markets have never loaded.
 */
export function readinessOf(deps: ReadinessDeps): () => Promise<ReadinessResponse> {
  return async () => {
    const [database, cache] = await Promise.all([
      probe(deps.database.kind, () => deps.database.ping()),
      probe(deps.cache.kind, () => deps.cache.ping()),
    ]);
    const market = deps.market.readiness;
    const feeds = deps.feeds.feedHealth();
    const stale = feeds.filter((f) => f.state === 'stale');
    const source = deps.market.info.id;
    const degraded: string[] = [];
    if (!cache.ok)
      degraded.push(
        `${deps.cache.kind} unreachable: feeds per instance, memory cache, per-instance rate limits`,
      );
    for (const f of stale)
      degraded.push(
        `${source} ${f.symbol} ${f.timeframe} stale since ${utc(f.lastUpdateAt)}${f.detail ? `: ${f.detail}` : ''}`,
      );
    const checks: Record<string, HealthCheck> = {
      market: { ...market, required: true },
      database: { ...database, required: true },
      cache: { ...cache, required: false },
      feeds: {
        ok: stale.length === 0,
        detail: `${feeds.length} watched, ${stale.length} stale`,
        required: false,
      },
    };
    return { ready: market.ok && database.ok, degraded, checks };
  };
}

async function probe(name: string, ping: () => Promise<unknown>): Promise<HealthCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([ping(), timeout]);
    return { ok: true, detail: name };
  } catch (err) {
    return { ok: false, detail: `${name} unreachable (${err instanceof Error ? err.message : String(err)})` };
  } finally {
    clearTimeout(timer);
  }
}

/** 2026-11-29T14:02:10Z: the wall time a person reads, to the second. */
function utc(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
