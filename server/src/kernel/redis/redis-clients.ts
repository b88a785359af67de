import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

/** One reconnect policy for every connection: quickly at first, then every 2 s, forever. */
const reconnectDelay = (attempt: number) => Math.min(attempt * 200, 2_000);

/**
 * The instance's two Redis connections, built once by the composition root and handed to every
 * adapter (cache, feed leases, rate limits, the Socket.IO adapter).
 */
export interface RedisClients {
  /**
   * Commands fail at once while Redis is away (no offline queue), so every caller degrades right
   * away (memory cache, own feeds, per-instance limits) instead of waiting on a queue.
   */
  readonly command: Redis;
  /**
   * Subscriptions only. Made while Redis is away they wait for it however long that takes, and are
   * renewed after a drop: a subscription that gave up would leave a follower deaf once Redis returns.
   */
  readonly subscriber: Redis;
  /** Resolves true once the command connection is up, false after `timeoutMs`: never blocks a start. */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface RedisConnectOptions {
  /** Milliseconds before reconnect attempt `attempt` (tests shorten it). */
  reconnectDelay?: (attempt: number) => number;
}

export function connectRedis(url: string, logger: Logger, options: RedisConnectOptions = {}): RedisClients {
  const retryStrategy = options.reconnectDelay ?? reconnectDelay;
  const command = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy });
  // No retry limit: ioredis would otherwise reject a queued SUBSCRIBE after 20 failed reconnects and
  // never send it, although the connection comes back.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
  let healthy = true;
  for (const client of [command, subscriber]) {
    client.on('error', (err: Error) => {
      if (healthy) logger.warn({ err: err.message }, 'redis unavailable; degrading until it returns');
      healthy = false;
    });
    client.on('ready', () => {
      if (!healthy) logger.info('redis reconnected');
      healthy = true;
    });
  }
  return {
    command,
    subscriber,
    ready: (timeoutMs) =>
      new Promise((resolve) => {
        if (command.status === 'ready') return resolve(true);
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          command.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        command.once('ready', onReady);
      }),
    async close() {
      command.disconnect();
      subscriber.disconnect();
    },
  };
}
