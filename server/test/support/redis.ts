import type { CacheStore } from '../../src/cache/port.ts';
import { createRedisCache } from '../../src/cache/redis/redis-cache.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { connectRedis } from '../../src/kernel/redis/redis-clients.ts';

/** A Redis cache on connections of its own, closed with it (main.ts shares one set per instance). */
export async function redisCacheOn(url: string, keyPrefix: string, waitMs = 5_000): Promise<CacheStore> {
  const redis = connectRedis(url, silentLogger);
  await redis.ready(waitMs);
  const store = createRedisCache(redis.command, keyPrefix);
  return {
    ...store,
    async close() {
      await store.close();
      await redis.close();
    },
  };
}
