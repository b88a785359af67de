import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CacheStore } from '../port.ts';

/** Deletes the lock only if it is still ours: an expired lock may have a new holder. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Redis-backed cache on the instance's command connection, which fails fast while Redis is away (see
 * kernel/redis), so callers fall back at once while ioredis reconnects in the background.
 */
export function createRedisCache(redis: Redis, keyPrefix = 'trendscope:'): CacheStore {
  const k = (key: string) => keyPrefix + key;
  return {
    kind: 'redis',
    async get(key) {
      return (await redis.get(k(key))) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await redis.set(k(key), value, 'PX', ttlMs);
    },
    async lock(key, ttlMs) {
      const name = k(`lock:${key}`);
      const token = randomUUID();
      if ((await redis.set(name, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
      return async () => {
        await redis.eval(RELEASE, 1, name, token).catch(() => {});
      };
    },
    async ping() {
      await redis.ping();
    },
    // The connection is the composition root's to close.
    async close() {},
  };
}
