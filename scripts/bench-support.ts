/** What the benchmark scripts share: an app on a random port with embedded parts, and many clients. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { createApp, type App, type AppOptions } from '../server/src/app/create-app.ts';
import { createMemoryCache } from '../server/src/cache/memory/memory-cache.ts';
import type { Clock } from '../server/src/kernel/clock.ts';
import { openDatabase, type DatabaseHandle } from '../server/src/db/database.ts';
import { silentLogger } from '../server/src/kernel/logger.ts';
import type { MarketSource } from '../server/src/market/port.ts';

export interface BenchApp {
  app: App;
  url: string;
  close(): Promise<void>;
}

/**
 * TrendScope with the given source, an in-process cache and PGlite in a temporary folder (or
 * `database`); `options` override the defaults (e.g. event limits lifted for a thousand clients on
 * one address).
 */
export async function startBenchApp(
  source: MarketSource,
  clock?: Clock,
  database?: DatabaseHandle,
  options: Partial<AppOptions> = {},
): Promise<BenchApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trendscope-bench-'));
  const app = await createApp(
    {
      source,
      cache: createMemoryCache(),
      database: database ?? (await openDatabase({ dataDir, logger: silentLogger })),
      logger: silentLogger,
      clock,
    },
    { candleStoreLimit: 3000, maxSubscriptionsPerSocket: 20, ...options },
  );
  const { port } = await app.listen(0, '127.0.0.1');
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `n` real socket.io clients, connected. */
export async function connectClients(url: string, n: number): Promise<Socket[]> {
  const sockets = Array.from({ length: n }, () =>
    io(url, { transports: ['websocket'], forceNew: true, reconnection: false }),
  );
  await Promise.all(
    sockets.map(
      (s) => new Promise((resolve) => (s.connected ? resolve(null) : s.once('connect', () => resolve(null)))),
    ),
  );
  return sockets;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
