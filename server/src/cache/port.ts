/** A key-value cache with expiry: in process memory, or Redis when REDIS_URL is set. */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Takes a lock for `ttlMs` unless someone holds it; returns a release function, or undefined when
   * another holder has it. Lets one instance compute a value while the others wait for it.
   */
  lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
