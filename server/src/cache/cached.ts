import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../kernel/logger.ts';
import type { CacheStore } from './port.ts';

/** How long a computation may hold its lock, how long others wait for it, and how often they look. */
const LOCK_MS = 10_000;
const WAIT_MS = 5_000;
const POLL_MS = 25;

/**
 * Cache-aside with single-flight: concurrent callers for one key share one computation, and a cache
 * that is down only costs the cache, never the answer.
 */
export class Cached {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /**
   * Values already parsed by this process, for as long as they live in the store: parsing an analysis
   * costs milliseconds, and a forecast of every stream reads several, all in one turn of the loop.
   * Callers treat cached values as read-only.
   */
  private readonly parsed = new LRUCache<string, { value: unknown; size: number }>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (entry) => Math.max(1, entry.size),
  });
  private failing = false;

  constructor(
    readonly store: CacheStore,
    private readonly logger: Logger,
  ) {}

  async getOrCompute<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    return (await this.load(key, ttlMs, compute)).value;
  }

  /**
   * Like getOrCompute, and says whether this call computed the value (true for exactly one caller
   * across every process sharing the cache, while the cache works).
   */
  load<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<{ value: T; computed: boolean }> {
    const running = this.inFlight.get(key) as Promise<{ value: T; computed: boolean }> | undefined;
    // Callers joining a computation in flight did not compute it themselves.
    if (running) return running.then(({ value }) => ({ value, computed: false }));
    const work = this.loadOnce(key, ttlMs, compute).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async loadOnce<T>(
    key: string,
    ttlMs: number,
    compute: () => Promise<T>,
  ): Promise<{ value: T; computed: boolean }> {
    const hit = await this.read<T>(key, ttlMs);
    if (hit !== undefined) return { value: hit, computed: false };
    // Across processes: one takes the lock and computes; the others wait for its result.
    const release = await this.attempt(() => this.store.lock(key, LOCK_MS));
    if (release === undefined && !this.failing) {
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        await sleep(POLL_MS);
        const value = await this.read<T>(key, ttlMs);
        if (value !== undefined) return { value, computed: false };
      }
    }
    try {
      const value = await compute();
      const json = JSON.stringify(value);
      await this.attempt(() => this.store.set(key, json, ttlMs));
      this.parsed.set(key, { value, size: json.length }, { ttl: ttlMs });
      return { value, computed: true };
    } finally {
      if (release) await release();
    }
  }

  /** Keys carry their time bucket, so a memo living as long as the entry cannot go stale. */
  private async read<T>(key: string, ttlMs: number): Promise<T | undefined> {
    const memo = this.parsed.get(key);
    if (memo) return memo.value as T;
    const hit = await this.attempt(() => this.store.get(key));
    if (hit === undefined) return undefined;
    const value = JSON.parse(hit) as T;
    this.parsed.set(key, { value, size: hit.length }, { ttl: ttlMs });
    return value;
  }

  private async attempt<R>(op: () => Promise<R>): Promise<R | undefined> {
    try {
      const result = await op();
      if (this.failing) this.logger.info({ cache: this.store.kind }, 'cache is back');
      this.failing = false;
      return result;
    } catch (err) {
      if (!this.failing)
        this.logger.warn({ err, cache: this.store.kind }, 'cache unavailable; computing directly');
      this.failing = true;
      return undefined;
    }
  }
}
