import type { CacheStore } from '../cache/port.ts';
import type { Logger } from '../kernel/logger.ts';

/**
 * Signed-out sessions, kept in the shared cache (Redis when REDIS_URL is set, so every instance sees
 * a logout) for as long as any token of theirs could still be valid. A cache can lose an entry (Redis
 * away, falling back to memory): the cost is that a stolen token of a signed-out session lives to its
 * expiry, at most one TTL; a session table would close that at the price of a read per request.
 */
export class SessionRevocations {
  constructor(
    private readonly cache: CacheStore,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  async revoke(sid: string): Promise<void> {
    await this.cache.set(keyOf(sid), '1', this.ttlMs).catch((err: unknown) => {
      this.logger.warn({ err }, 'could not record a logout; the session token lives to its expiry');
    });
  }

  async isRevoked(sid: string): Promise<boolean> {
    // A cache that cannot answer does not lock everyone out.
    return (await this.cache.get(keyOf(sid)).catch(() => undefined)) !== undefined;
  }
}

const keyOf = (sid: string) => `session-revoked:${sid}`;
