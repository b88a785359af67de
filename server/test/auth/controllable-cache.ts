import type { CacheStore } from '../../src/cache/port.ts';
import { createMemoryCache } from '../../src/cache/memory/memory-cache.ts';

/**
 * The app's shared cache under a test's control: `restart()` swaps in an empty store (Redis restarted
 * without persistence), and while `failing` every call rejects (Redis unreachable).
 */
export class ControllableCache implements CacheStore {
  readonly kind = 'memory';
  failing = false;
  private store: CacheStore = createMemoryCache();

  restart(): void {
    this.store = createMemoryCache();
  }

  /** Fills the store with `entries` other keys, the way a flood of distinct requests does. */
  async flood(entries: number): Promise<void> {
    for (let i = 0; i < entries; i++) await this.store.set(`flood:${i}`, 'x', 60_000);
  }

  get(key: string) {
    return this.call(() => this.store.get(key));
  }
  set(key: string, value: string, ttlMs: number) {
    return this.call(() => this.store.set(key, value, ttlMs));
  }
  lock(key: string, ttlMs: number) {
    return this.call(() => this.store.lock(key, ttlMs));
  }
  ping() {
    return this.call(() => this.store.ping());
  }
  close() {
    return this.store.close();
  }

  private call<T>(work: () => Promise<T>): Promise<T> {
    return this.failing ? Promise.reject(new Error('connect ECONNREFUSED (cache down)')) : work();
  }
}
