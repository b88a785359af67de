import { LRUCache } from 'lru-cache';
import type { CacheStore } from '../port.ts';

export function createMemoryCache(maxEntries = 10_000): CacheStore {
  const lru = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false, ttl: 60_000 });
  return {
    kind: 'memory',
    async get(key) {
      return lru.get(key);
    },
    async set(key, value, ttlMs) {
      lru.set(key, value, { ttl: ttlMs });
    },
    async ping() {},
    async close() {
      lru.clear();
    },
  };
}
