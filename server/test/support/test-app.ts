import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppOptions, type AppParts } from '../../src/app/create-app.ts';
import type { CacheStore } from '../../src/cache/port.ts';
import { createMemoryCache } from '../../src/cache/memory/memory-cache.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { silentLogger, type Logger } from '../../src/kernel/logger.ts';
import { DelegatingSource } from '../../src/market/delegating-source.ts';
import type { MarketSource, WatchHandlers } from '../../src/market/port.ts';
import type { Timeframe } from '../../../shared/market.ts';
import { createReplaySource } from '../../src/market/replay/replay-source.ts';
import type { Metrics } from '../../src/kernel/metrics.ts';
import { fastClock } from './clock.ts';

/** Wraps a source and counts the upstream work done through it. */
export class CountingSource extends DelegatingSource {
  watches = 0;
  activeWatches = 0;
  fetches = 0;

  override fetchCandles(...args: Parameters<MarketSource['fetchCandles']>) {
    this.fetches++;
    return super.fetchCandles(...args);
  }

  override watchCandles(symbol: string, timeframe: Timeframe, handlers: WatchHandlers) {
    this.watches++;
    this.activeWatches++;
    const stop = super.watchCandles(symbol, timeframe, handlers);
    let stopped = false;
    return () => {
      if (!stopped) this.activeWatches--;
      stopped = true;
      stop();
    };
  }
}

export interface TestApp {
  app: App;
  url: string;
  source: CountingSource;
  clock: Clock;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Another market source (a ccxt one, say); the replay by default. */
  source?: MarketSource;
  /** The exchange's own tickers (a ccxt one); computed from the source's candles by default. */
  tickerSource?: AppParts['tickerSource'];
  clock?: Clock;
  /** The registry the source counts upstream requests into. */
  metrics?: Metrics;
  cache?: CacheStore;
  socketAdapter?: AppParts['socketAdapter'];
  /** How much faster than real time the market runs. */
  speed?: number;
  tickMs?: number;
  staticDir?: string;
  maxSubscriptionsPerSocket?: number;
  eventLimits?: AppOptions['eventLimits'];
  httpRequestsPerMinute?: number;
  trustProxy?: string;
  questionsPerMinute?: number;
  /** Where PGlite keeps its files; a restart test passes the same one twice. Kept on close when given. */
  dataDir?: string;
  predictionIntervalMs?: number;
  /** Opens another database (PostgreSQL, a DatabaseLocation's `open`) instead of PGlite in dataDir. */
  openDatabase?: () => Promise<DatabaseHandle>;
  /** Sessions, cookie, CORS and rate limits; a restart test passes the same session secret twice. */
  accounts?: AppOptions['accounts'];
  rateLimiters?: AppParts['rateLimiters'];
  chatPhraser?: AppParts['chatPhraser'];
  logger?: Logger;
  /** How long close() lets running work finish. */
  drainMs?: number;
  /** The alerts' cap, webhook settings and change feed. */
  alerts?: AppOptions['alerts'];
}

/** The whole server on a random port: replay source, in-process cache, PGlite in a temp dir. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? fastClock(options.speed ?? 60);
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'trendscope-test-')));
  const source = new CountingSource(
    options.source ??
      (await createReplaySource({ clock, tickMs: options.tickMs ?? 50, logger: silentLogger })),
  );
  const database = await (options.openDatabase?.() ?? openDatabase({ dataDir, logger: silentLogger }));
  const app = await createApp(
    {
      source,
      tickerSource: options.tickerSource,
      cache: options.cache ?? createMemoryCache(),
      database,
      logger: options.logger ?? silentLogger,
      clock,
      metrics: options.metrics,
      socketAdapter: options.socketAdapter,
      rateLimiters: options.rateLimiters,
      chatPhraser: options.chatPhraser,
    },
    {
      candleStoreLimit: 3000,
      maxSubscriptionsPerSocket: options.maxSubscriptionsPerSocket ?? 20,
      eventLimits: options.eventLimits,
      httpRequestsPerMinute: options.httpRequestsPerMinute,
      trustProxy: options.trustProxy,
      questionsPerMinute: options.questionsPerMinute,
      staticDir: options.staticDir,
      predictionIntervalMs: options.predictionIntervalMs,
      accounts: options.accounts,
      drainMs: options.drainMs,
      alerts: options.alerts,
    },
  );
  const { port } = await app.listen(0, '127.0.0.1');
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    source,
    clock,
    database,
    async close() {
      await app.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
