import type { Logger } from '../logger.ts';
import type { CacheStore } from './port.ts';

/**
 * Cache-aside with single-flight: concurrent callers for one key share one computation, and a cache
 * that is down only costs the cache, never the answer.
 */
export class Cached {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private failing = false;

  constructor(
    readonly store: CacheStore,
    private readonly logger: Logger,
  ) {}

  getOrCompute<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const work = this.load(key, ttlMs, compute).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async load<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const hit = await this.attempt(() => this.store.get(key));
    if (hit !== undefined) return JSON.parse(hit) as T;
    const value = await compute();
    await this.attempt(() => this.store.set(key, JSON.stringify(value), ttlMs));
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
