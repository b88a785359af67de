import type { ReadinessResponse } from '../../../shared/http.ts';
import type { CacheStore } from '../cache/port.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { MarketService } from '../market/market-service.ts';

/** GET /readyz: the market, the cache and the database, each probed; ready when all answer. */
export function readinessOf(deps: { market: MarketService; cache: CacheStore; database: DatabaseHandle }) {
  const check = async (name: string, probe: () => Promise<unknown>) => {
    try {
      await probe();
      return { ok: true, detail: name };
    } catch (err) {
      return { ok: false, detail: `${name}: ${err instanceof Error ? err.message : String(err)}` };
    }
  };
  return async (): Promise<ReadinessResponse> => {
    const checks = {
      market: deps.market.readiness,
      cache: await check(deps.cache.kind, () => deps.cache.ping()),
      database: await check(deps.database.kind, () => deps.database.ping()),
    };
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  };
}
