import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cached } from '../../src/cache/cached.ts';
import type { CacheStore } from '../../src/cache/port.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { sleep } from '../support/wait.ts';

/** What every cache adapter must do. */
export function describeCacheStore(
  name: string,
  create: () => Promise<CacheStore>,
  /** `second`: another connection to the same cache, as a second instance has. */
  options: { skip?: boolean; second?: () => Promise<CacheStore> } = {},
) {
  describe.skipIf(options.skip)(`CacheStore contract: ${name}`, () => {
    let store: CacheStore;
    const key = (k: string) => `contract:${process.pid}:${Date.now()}:${k}`;
    beforeAll(async () => {
      store = await create();
    });
    afterAll(() => store?.close());

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('returns what was set, and nothing for an unknown key', async () => {
      const k = key('a');
      await store.set(k, '{"x":1}', 5_000);
      expect(await store.get(k)).toBe('{"x":1}');
      expect(await store.get(key('missing'))).toBeUndefined();
    });

    it('forgets a value when its time is up', async () => {
      const k = key('ttl');
      await store.set(k, 'v', 80);
      expect(await store.get(k)).toBe('v');
      await sleep(200);
      expect(await store.get(k)).toBeUndefined();
    });

    it('computes once for many concurrent callers and serves the rest from the cache', async () => {
      const cached = new Cached(store, silentLogger);
      let computations = 0;
      const compute = async () => {
        computations++;
        await sleep(30);
        return { value: 42 };
      };
      const k = key('flight');
      const results = await Promise.all(
        Array.from({ length: 50 }, () => cached.getOrCompute(k, 5_000, compute)),
      );
      expect(results.every((r) => r.value === 42)).toBe(true);
      expect(await cached.getOrCompute(k, 5_000, compute)).toEqual({ value: 42 });
      expect(computations).toBe(1);
    });

    it('lets one holder take a lock at a time', async () => {
      const k = key('lock');
      const release = await store.lock(k, 5_000);
      expect(release).toBeTypeOf('function');
      expect(await store.lock(k, 5_000)).toBeUndefined();
      await release!();
      const again = await store.lock(k, 5_000);
      expect(again).toBeTypeOf('function');
      await again!();
    });

    it('computes once across instances sharing the cache; the others wait for the result', async () => {
      const other = options.second ? await options.second() : store;
      const a = new Cached(store, silentLogger);
      const b = new Cached(other, silentLogger);
      let computations = 0;
      const compute = async () => {
        computations++;
        await sleep(100);
        return { at: Date.now() };
      };
      const k = key('shared');
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => a.load(k, 5_000, compute)),
        ...Array.from({ length: 10 }, () => b.load(k, 5_000, compute)),
      ]);
      expect(computations).toBe(1);
      expect(results.filter((r) => r.computed)).toHaveLength(1);
      expect(new Set(results.map((r) => r.value.at)).size).toBe(1);
      if (other !== store) await other.close();
    });
  });
}
