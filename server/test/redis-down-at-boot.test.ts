import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { CandlesResponse, ReadinessResponse } from '../../shared/http.ts';
import type { SubscribeResult } from '../../shared/protocol.ts';
import { silentLogger } from '../src/kernel/logger.ts';
import { connectRedis } from '../src/kernel/redis/redis-clients.ts';
import { HAS_REDIS_SERVER, freePort, startRedisServer } from './support/redis-server.ts';
import { startServerProcess } from './support/server-process.ts';
import { TestClient } from './support/socket-client.ts';
import { waitFor } from './support/wait.ts';
import { unpackCandles } from '../../shared/snapshot.ts';

/** Each JSON log line the process wrote at `level` or above (pino: 40 warn, 50 error, 60 fatal). */
const logLines = (output: string, level: number) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((entry) => entry.level >= level);

describe.skipIf(!HAS_REDIS_SERVER)('Redis down at boot', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('the server starts, serves and degrades without it, then uses it once it answers, without a restart', async () => {
    // A port where nothing listens yet; later this test's own redis-server, never the shared 6379.
    const port = await freePort();
    // Started means it logged its address: within the helper's generous bound, not forever.
    const server = await startServerProcess({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      FEED_LEASE_MS: '1000',
      REPLAY_TICK_MS: '100',
    });
    const child: ChildProcess = server.child;
    cleanup.push(() => child.kill('SIGKILL'));
    const get = async <T>(path: string) => {
      const res = await fetch(`${server.url}${path}`);
      return { status: res.status, body: (await res.json()) as T };
    };

    expect((await get('/healthz')).status).toBe(200);
    const degraded = await get<ReadinessResponse>('/readyz');
    expect(degraded.status).toBe(200);
    expect(degraded.body.degraded).toEqual([expect.stringMatching(/^redis unreachable/)]);

    const client = new TestClient(server.url);
    cleanup.push(() => client.close());
    // Analyses and forecasts go out through the Socket.IO Redis adapter, which publishes to Redis.
    let broadcasts = 0;
    client.socket.on('analysis', () => broadcasts++);
    client.socket.on('prediction', () => broadcasts++);
    await client.connected();
    const subscribed = await client.request<SubscribeResult>('subscribe', {
      symbol: 'BTC/USDT',
      timeframe: '1m',
    });
    if (!subscribed.ok) throw new Error(subscribed.error.message);
    expect(subscribed.data.candles.length).toBeGreaterThan(0);
    // Live updates reach the client: broadcasts go through the Redis adapter, which cannot publish.
    await waitFor(() => client.candles.length >= 3, 'live candles while Redis is away', 30_000);
    const candles = await get<CandlesResponse>('/api/candles?symbol=ETH/USDT&timeframe=1m&limit=5');
    expect(candles.status).toBe(200);
    expect(unpackCandles(candles.body.candles)).toHaveLength(5);
    // The next minute close brings a fresh analysis and forecast, published while Redis is away.
    await waitFor(() => broadcasts > 0, 'an analysis or forecast broadcast', 90_000);
    expect(server.output()).not.toMatch(/unhandled rejection/);

    const redisServer = await startRedisServer(port);
    cleanup.push(() => redisServer.stop());
    const redis = new Redis(redisServer.url);
    cleanup.push(() => redis.disconnect());
    // The shared feed takes its lease, the cache writes to Redis, readiness sees it: no restart.
    await waitFor(
      async () => (await redis.get('trendscope:feed:replay:BTC/USDT:1m')) !== null,
      'the feed lease in Redis',
      30_000,
    );
    await waitFor(
      async () => (await get<ReadinessResponse>('/readyz')).body.degraded.length === 0,
      'no degradation',
    );
    await waitFor(
      async () => {
        await get('/api/candles?symbol=SOL/USDT&timeframe=1m&limit=5');
        return (await redis.keys('trendscope:candles:*SOL/USDT*')).length > 0;
      },
      'a cached answer in Redis',
      30_000,
    );
    // The Socket.IO adapter's subscription, made while Redis was away, reached it.
    expect(Number(await redis.call('pubsub', 'numpat'))).toBeGreaterThan(0);
    const before = client.candles.length;
    await waitFor(() => client.candles.length > before, 'live candles with Redis back', 30_000);

    const output = server.output();
    expect(output).not.toMatch(/unhandled rejection/);
    expect(logLines(output, 50)).toEqual([]);
    // Degrading is said, not shouted for every broadcast: a few lines, however many candles went out.
    expect(logLines(output, 40).length).toBeLessThan(10);
  }, 240_000);

  it('a subscription made while Redis is away waits for it, however many reconnects that takes', async () => {
    const port = await freePort();
    const redis = connectRedis(`redis://127.0.0.1:${port}`, silentLogger, { reconnectDelay: () => 10 });
    cleanup.push(() => redis.close());
    let reconnects = 0;
    redis.subscriber.on('reconnecting', () => reconnects++);
    const messages: string[] = [];
    redis.subscriber.on('message', (_channel: string, message: string) => messages.push(message));
    const subscribed = redis.subscriber.subscribe('trendscope:test:boot');
    subscribed.catch(() => {});
    // ioredis gives up on queued commands after 20 reconnects unless told not to.
    await waitFor(() => reconnects > 25, 'more reconnects than ioredis retries a command by default');

    const redisServer = await startRedisServer(port);
    cleanup.push(() => redisServer.stop());
    await subscribed;
    const publisher = new Redis(redisServer.url);
    cleanup.push(() => publisher.disconnect());
    await publisher.publish('trendscope:test:boot', 'hello');
    await waitFor(() => messages.includes('hello'), 'the message on the early subscription');
  }, 30_000);
});
