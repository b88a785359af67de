import { createAdapter } from '@socket.io/redis-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../shared/analysis.ts';
import type { Candle } from '../../shared/market.ts';
import type { Prediction } from '../../shared/prediction.ts';
import { withFallback } from '../src/cache/fallback-cache.ts';
import { createMemoryCache } from '../src/cache/memory/memory-cache.ts';
import { createRedisCache } from '../src/cache/redis/redis-cache.ts';
import { silentLogger } from '../src/kernel/logger.ts';
import { connectRedis, type RedisClients } from '../src/kernel/redis/redis-clients.ts';
import { shareFeedsThroughRedis } from '../src/market/redis/shared-feed-source.ts';
import { createReplaySource } from '../src/market/replay/replay-source.ts';
import { fastClock } from './support/clock.ts';
import { TEST_REDIS_URL } from './support/env.ts';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { waitFor } from './support/wait.ts';
import { counted } from './support/metrics.ts';

describe.skipIf(!TEST_REDIS_URL)('two instances on real Redis with the Socket.IO Redis adapter', () => {
  const url = TEST_REDIS_URL!;
  // Its own key space, so other suites on the same Redis never cross this one.
  const prefix = `trendscope-test-${process.pid}-${Date.now()}:`;
  const clock = fastClock(60);
  const apps: TestApp[] = [];
  const redisClients: RedisClients[] = [];
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    for (const app of apps) await app.close();
    for (const r of redisClients) await r.close();
  });

  const instance = async () => {
    const replay = await createReplaySource({ clock, tickMs: 50, logger: silentLogger });
    const redis = connectRedis(url, silentLogger);
    redisClients.push(redis);
    await redis.ready(5_000);
    const app = await startTestApp({
      clock,
      source: shareFeedsThroughRedis(replay, {
        command: redis.command,
        subscriber: redis.subscriber,
        leaseMs: 1_000,
        logger: silentLogger,
        keyPrefix: prefix,
      }),
      cache: withFallback(createRedisCache(redis.command, prefix), createMemoryCache(), silentLogger),
      socketAdapter: createAdapter(redis.command, redis.subscriber, { key: `${prefix}socket.io` }),
    });
    apps.push(app);
    return app;
  };
  const watch = async (app: TestApp, n: number) => {
    const batch = Array.from({ length: n }, () => {
      const c = new TestClient(app.url);
      const analyses: Analysis[] = [];
      const predictions: Prediction[] = [];
      c.socket.on('analysis', (a) => analyses.push(a));
      c.socket.on('prediction', (p) => predictions.push(p));
      return { c, analyses, predictions };
    });
    clients.push(...batch.map((b) => b.c));
    await Promise.all(batch.map((b) => b.c.connected()));
    await Promise.all(batch.map((b) => b.c.request('subscribe', { symbol: 'SOL/USDT', timeframe: '1m' })));
    return batch;
  };

  it('deliver the same candles, analyses and forecasts to clients on both, each computed once', async () => {
    const a = await instance();
    const b = await instance();
    const onA = await watch(a, 5);
    const onB = await watch(b, 5);
    // Forecasts analyse the symbol's other timeframes too (confluence): count this stream's analyses.
    const sol = { symbol: 'SOL/USDT', timeframe: '1m' };
    const analysed = async () =>
      (await counted(a.app.metrics.analysisComputations, sol)) +
      (await counted(b.app.metrics.analysisComputations, sol));
    const forecasts = async () =>
      (await counted(a.app.metrics.forecastsIssued)) + (await counted(b.app.metrics.forecastsIssued));
    const computedBefore = await analysed();
    const forecastsBefore = await forecasts();

    // At 60×, a minute closes every second: wait for three analyses everywhere.
    await waitFor(
      () => [...onA, ...onB].every((w) => w.analyses.length >= 3),
      'three analyses on every socket',
      15_000,
    );
    const seen = (w: { analyses: Analysis[] }) => w.analyses.map((x) => x.computedAt);
    /**
     * At 60× an analysis may go out between the two batches subscribing, so compare from the first one
     * the last socket to subscribe received: from there on, every socket saw the same ones in order.
     */
    const sameFrom = (reference: number[], own: number[]) =>
      expect(own.filter((x) => x >= reference[0]!).slice(0, reference.length)).toEqual(reference);
    const reference = seen(onB.at(-1)!).slice(0, 2);
    for (const w of [...onA, ...onB]) {
      sameFrom(reference, seen(w));
      // No duplicates: the adapter delivers each broadcast once, and only the computing instance sends it.
      expect(new Set(seen(w)).size).toBe(seen(w).length);
    }
    const computed = (await analysed()) - computedBefore;
    const distinct = new Set([...onA, ...onB].flatMap(seen)).size;
    expect(computed).toBeLessThanOrEqual(distinct + 1);
    expect(
      (await counted(a.app.metrics.analysisComputations)) +
        (await counted(b.app.metrics.analysisComputations)),
    ).toBeGreaterThan(0);

    // Forecasts likewise: fitted by one instance per candle close, pushed once to every socket.
    await waitFor(
      () => [...onA, ...onB].every((w) => w.predictions.length >= 3),
      'three forecasts on every socket',
      15_000,
    );
    const issued = (w: { predictions: Prediction[] }) => w.predictions.map((x) => x.lastCandleTime);
    const first = issued(onB.at(-1)!).slice(0, 2);
    for (const w of [...onA, ...onB]) {
      sameFrom(first, issued(w));
      expect(new Set(issued(w)).size).toBe(issued(w).length);
    }
    const fitted = (await forecasts()) - forecastsBefore;
    expect(fitted).toBeLessThanOrEqual(new Set([...onA, ...onB].flatMap(issued)).size + 1);

    // Closed candles are the same on both instances: one feed, relayed.
    const finals = (c: TestClient) => {
      const byTime = new Map<number, Candle>();
      for (const e of c.candles) byTime.set(e.candle.time, e.candle);
      return byTime;
    };
    const fa = finals(onA[0]!.c);
    const fb = finals(onB[0]!.c);
    const closed = [...fa.keys()]
      .filter((t) => fb.has(t))
      .sort((x, y) => x - y)
      .slice(0, -1);
    expect(closed.length).toBeGreaterThanOrEqual(2);
    for (const t of closed) expect(fb.get(t)).toEqual(fa.get(t));
  }, 45_000);
});
