import type { Logger } from '../kernel/logger.ts';
import type { CacheStore } from './port.ts';

/**
 * Redis first, process memory when Redis is away: the cache keeps working through a Redis restart
 * (each instance on its own meanwhile), says so once, and goes back to Redis by itself once it answers.
 */
export function withFallback(primary: CacheStore, fallback: CacheStore, logger: Logger): CacheStore {
  let down = false;
  const attempt = async <T>(op: (store: CacheStore) => Promise<T>): Promise<T> => {
    try {
      const result = await op(primary);
      if (down) logger.info({ cache: primary.kind }, 'cache is back; using it again');
      down = false;
      return result;
    } catch (err) {
      if (!down)
        logger.warn(
          { err: (err as Error).message, cache: primary.kind },
          'cache unavailable; using process memory until it returns',
        );
      down = true;
      return op(fallback);
    }
  };
  return {
    kind: primary.kind,
    get: (key) => attempt((s) => s.get(key)),
    set: (key, value, ttlMs) => attempt((s) => s.set(key, value, ttlMs)),
    lock: (key, ttlMs) => attempt((s) => s.lock(key, ttlMs)),
    ping: () => primary.ping(),
    async close() {
      await Promise.all([primary.close(), fallback.close()]);
    },
  };
}
