import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../logger.ts';
import type { CacheStore } from '../port.ts';

/** Deletes the lock only if it is still ours: an expired lock may have a new holder. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Redis-backed cache. Commands fail fast while Redis is away (no offline queue) so callers fall back
 * at once; ioredis keeps reconnecting in the background. Waits up to `connectTimeoutMs` for the first
 * connection, then starts anyway: a Redis that is down must not keep the dashboard down.
 */
export async function createRedisCache(
  url: string,
  logger: Logger,
  keyPrefix = 'trendscope:',
  connectTimeoutMs = 3_000,
): Promise<CacheStore> {
  const redis = new Redis(url, {
    keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let healthy = true;
  redis.on('error', (err) => {
    if (healthy) logger.warn({ err: err.message }, 'redis cache unavailable; reconnecting');
    healthy = false;
  });
  redis.on('ready', () => {
    if (!healthy) logger.info('redis cache reconnected');
    healthy = true;
  });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, connectTimeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    kind: 'redis',
    async get(key) {
      return (await redis.get(key)) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await redis.set(key, value, 'PX', ttlMs);
    },
    async lock(key, ttlMs) {
      const name = `lock:${key}`;
      const token = randomUUID();
      if ((await redis.set(name, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
      return async () => {
        await redis.eval(RELEASE, 1, name, token).catch(() => {});
      };
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      redis.disconnect();
    },
  };
}
