import { LRUCache } from 'lru-cache';
import type { CacheStore } from '../port.ts';

export function createMemoryCache(maxEntries = 10_000): CacheStore {
  const lru = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false, ttl: 60_000 });
  const locks = new LRUCache<string, true>({ max: maxEntries, ttl: 10_000 });
  return {
    kind: 'memory',
    async get(key) {
      return lru.get(key);
    },
    async set(key, value, ttlMs) {
      lru.set(key, value, { ttl: ttlMs });
    },
    async lock(key, ttlMs) {
      const name = `lock:${key}`;
      if (locks.has(name)) return undefined;
      locks.set(name, true, { ttl: ttlMs });
      return async () => {
        locks.delete(name);
      };
    },
    async ping() {},
    async close() {
      lru.clear();
    },
  };
}
