import { LRUCache } from 'lru-cache';
import type { CacheStore } from '../port.ts';

/**
 * The in-process cache, bounded in bytes as well as entries: values range from a few bytes to a few
 * hundred kilobytes, so a count alone would let a flood of large ones take gigabytes.
 */
export function createMemoryCache(options: { maxEntries?: number; maxBytes?: number } = {}): CacheStore {
  const lru = new LRUCache<string, string>({
    max: options.maxEntries ?? 10_000,
    // JavaScript strings take two bytes a character.
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (value, key) => 2 * (value.length + key.length),
    ttlAutopurge: false,
    ttl: 60_000,
  });
  const locks = new LRUCache<string, true>({ max: options.maxEntries ?? 10_000, ttl: 10_000 });
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
