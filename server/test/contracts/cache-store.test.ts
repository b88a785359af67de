import { describe, expect, it } from 'vitest';
import { Cached } from '../../src/cache/cached.ts';
import { withFallback } from '../../src/cache/fallback-cache.ts';
import { createMemoryCache } from '../../src/cache/memory/memory-cache.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { redisCacheOn } from '../support/redis.ts';
import { TEST_REDIS_URL } from '../support/env.ts';
import { describeCacheStore } from './cache-store.contract.ts';

describeCacheStore('memory', async () => createMemoryCache());
describeCacheStore('redis', () => redisCacheOn(TEST_REDIS_URL!, `trendscope-test:${process.pid}:`), {
  skip: !TEST_REDIS_URL,
});

describe('Redis with the in-process fallback', () => {
  it('keeps caching in memory while Redis is unreachable', async () => {
    const store = withFallback(
      await redisCacheOn('redis://127.0.0.1:1', 'x:', 200),
      createMemoryCache(),
      silentLogger,
    );
    await store.set('k', 'v', 5_000);
    expect(await store.get('k')).toBe('v');
    const release = await store.lock('k', 1_000);
    expect(release).toBeTypeOf('function');
    await store.close();
  });
});

describe('Cached with a cache that is down', () => {
  it('still answers, by computing', async () => {
    // Nothing listens on port 1: every command fails at once.
    const store = await redisCacheOn('redis://127.0.0.1:1', 'x:', 200);
    const cached = new Cached(store, silentLogger);
    await expect(cached.getOrCompute('k', 1_000, async () => 'fresh')).resolves.toBe('fresh');
    await store.close();
  });
});
