import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { LimiterFactory } from '../rate-limits.ts';

/**
 * Limits shared by every instance through Redis. While Redis is away each instance limits on its own
 * (the in-memory insurance limiter), so logins neither stop nor go unlimited. The client should have
 * no offline queue, so a command fails at once rather than waiting for a reconnect. `keyPrefix` keeps
 * one deployment (or test) out of another's keys on a shared Redis.
 */
export function redisLimiters(client: Redis, keyPrefix = ''): LimiterFactory {
  return (options) =>
    new RateLimiterRedis({
      ...options,
      keyPrefix: `${keyPrefix}${options.keyPrefix}`,
      storeClient: client,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
}
