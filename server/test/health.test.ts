import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadinessResponse } from '../../shared/http.ts';
import { withFallback } from '../src/cache/fallback-cache.ts';
import { createMemoryCache } from '../src/cache/memory/memory-cache.ts';
import { createRedisCache } from '../src/cache/redis/redis-cache.ts';
import { openDatabase } from '../src/db/database.ts';
import { silentLogger } from '../src/kernel/logger.ts';
import { connectRedis, type RedisClients } from '../src/kernel/redis/redis-clients.ts';
import { startCcxtStack, type CcxtStack } from './support/ccxt-stack.ts';
import { TEST_DATABASE_URL } from './support/env.ts';
import { createScratchDatabase } from './support/postgres.ts';
import { HAS_REDIS_SERVER, freePort, startRedisServer, type RedisServer } from './support/redis-server.ts';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { waitFor } from './support/wait.ts';

/** Liveness, readiness and degradation as a load balancer and a person read them. */
describe('health: /healthz, /readyz and what degrades without failing readiness', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  const started = async (app: Promise<TestApp>) => {
    const t = await app;
    cleanup.push(() => t.close());
    return t;
  };
  const health = async (t: TestApp) => (await fetch(`${t.url}/healthz`)).status;
  const readiness = async (t: TestApp) => {
    const res = await fetch(`${t.url}/readyz`);
    return { status: res.status, body: (await res.json()) as ReadinessResponse };
  };
  const candles = async (t: TestApp, symbol: string) =>
    (await fetch(`${t.url}/api/candles?symbol=${encodeURIComponent(symbol)}&timeframe=1m&limit=5`)).status;

  it('with everything up: ready, nothing degraded', async () => {
    const t = await started(startTestApp());
    expect(await health(t)).toBe(200);
    const { status, body } = await readiness(t);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ready: true,
      degraded: [],
      checks: { market: { ok: true }, database: { ok: true }, cache: { ok: true }, feeds: { ok: true } },
    });
  });

  it('Redis away: ready (200) and serving, with the degradation named; back to normal once Redis answers', async () => {
    const port = await freePort();
    const redis: RedisClients = connectRedis(`redis://127.0.0.1:${port}`, silentLogger);
    cleanup.push(() => redis.close());
    const cache = withFallback(createRedisCache(redis.command), createMemoryCache(), silentLogger);
    const t = await started(startTestApp({ cache }));

    const away = await readiness(t);
    expect(away.status).toBe(200);
    expect(away.body.ready).toBe(true);
    expect(away.body.checks.cache).toMatchObject({ ok: false, required: false });
    expect(away.body.degraded).toEqual([expect.stringMatching(/^redis unreachable: feeds per instance/)]);
    expect(await candles(t, 'BTC/USDT')).toBe(200);

    if (!HAS_REDIS_SERVER) return;
    const server: RedisServer = await startRedisServer(port);
    cleanup.push(() => server.stop());
    const back = await waitFor(async () => {
      const r = await readiness(t);
      return r.body.degraded.length === 0 && r;
    }, 'readiness to see Redis again');
    expect(back.status).toBe(200);
    expect(back.body.checks.cache).toMatchObject({ ok: true, detail: 'redis' });
  }, 30_000);

  it('exchange outage: ready (200), stale streams named with since when, live again after', async () => {
    const stack: CcxtStack = await startCcxtStack({ webSocket: false, speed: 60, tickMs: 20 });
    cleanup.push(() => stack.close());
    const t = await started(startTestApp({ source: stack.source(), clock: stack.clock }));
    const client = new TestClient(t.url);
    cleanup.push(() => client.close());
    await client.connected();
    await client.request('subscribe', { symbol: 'BTC/USDT', timeframe: '1m' });
    expect((await readiness(t)).body.checks.feeds).toMatchObject({ ok: true, detail: '1 watched, 0 stale' });

    const outageAt = Date.now();
    await stack.fake.stop();
    const outage = await waitFor(async () => {
      const r = await readiness(t);
      return r.body.degraded.length > 0 && r;
    }, 'the stale stream in /readyz');
    expect(outage.status).toBe(200);
    expect(outage.body.ready).toBe(true);
    expect(outage.body.checks.feeds).toMatchObject({ ok: false, detail: '1 watched, 1 stale' });
    const [line] = outage.body.degraded;
    expect(line).toMatch(/^binance BTC\/USDT 1m stale since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    // Since the last update before the outage, not since it was noticed.
    const since = Date.parse(/since (\S+?Z)/.exec(line!)![1]!);
    expect(since).toBeLessThanOrEqual(outageAt);
    // What is known still serves: the watched stream's candles from memory.
    expect(await candles(t, 'BTC/USDT')).toBe(200);

    await stack.fake.restart();
    await waitFor(
      async () => (await readiness(t)).body.degraded.length === 0,
      'the stream live again',
      30_000,
    );
  }, 60_000);

  it('database not answering: unready (503) within a bound, while /healthz stays 200', async () => {
    let answering = true;
    const dataDir = await mkdtemp(join(tmpdir(), 'trendscope-health-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const t = await started(
      startTestApp({
        openDatabase: async () => {
          const real = await openDatabase({ dataDir, logger: silentLogger });
          // A database that stops answering: the ping hangs, as behind a dead network path.
          return { ...real, ping: () => (answering ? real.ping() : new Promise<void>(() => {})) };
        },
      }),
    );
    expect((await readiness(t)).status).toBe(200);
    answering = false;
    const { status, body } = await readiness(t);
    expect(status).toBe(503);
    expect(body.ready).toBe(false);
    expect(body.checks.database).toMatchObject({ ok: false, required: true });
    expect(body.checks.database!.detail).toMatch(/unreachable/);
    expect(await health(t)).toBe(200);
  }, 30_000);

  it.skipIf(!TEST_DATABASE_URL)(
    'PostgreSQL down: 503 while it is, ready again once it is back',
    async () => {
      const scratch = await createScratchDatabase(TEST_DATABASE_URL!);
      cleanup.push(() => scratch.drop());
      const target = new URL(scratch.url);
      const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
      cleanup.push(() => proxy.cut());
      target.host = `127.0.0.1:${proxy.port}`;
      const t = await started(
        startTestApp({
          openDatabase: () => openDatabase({ url: target.toString(), dataDir: '', logger: silentLogger }),
        }),
      );
      expect((await readiness(t)).status).toBe(200);

      await proxy.cut();
      const down = await readiness(t);
      expect(down.status).toBe(503);
      expect(down.body.checks.database).toMatchObject({ ok: false, required: true });
      expect(await health(t)).toBe(200);

      await proxy.restore();
      await waitFor(async () => (await readiness(t)).status === 200, 'ready again');
    },
    30_000,
  );
});

/** A TCP hop to PostgreSQL the test can cut (every connection dropped, new ones refused) and restore. */
async function tcpProxy(host: string, port: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = (on: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(port, host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => resolve((server!.address() as { port: number }).port));
    });
  const proxyPort = await listen(0);
  return {
    port: proxyPort,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server?.listening) return resolve();
        server.close(() => resolve());
      }),
    restore: () => listen(proxyPort).then(() => undefined),
  };
}
