import { createServer, type Server as HttpServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ReadinessResponse } from '../../shared/http.ts';
import { Cached } from './cache/cached.ts';
import type { CacheStore } from './cache/port.ts';
import { systemClock, type Clock } from './clock.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createHttpApp } from './http/create-http-app.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { MarketService } from './market/market-service.ts';
import type { MarketSource } from './market/port.ts';
import { StreamHub } from './realtime/stream-hub.ts';
import { AnalysisScheduler } from './analysis/analysis-scheduler.ts';
import { AnalysisService } from './analysis/analysis-service.ts';
import { attachSocketHandlers, socketPublisher, type TypedServer } from './realtime/socket-server.ts';
import { createComputePool, type ComputePool } from './compute/compute-pool.ts';
import { PredictionScheduler } from './predict/prediction-scheduler.ts';
import { PredictionScorer } from './predict/prediction-scorer.ts';
import { PredictionService } from './predict/prediction-service.ts';
import { createAccounts, socketOriginOptions, type AccountsOptions } from './auth/create-accounts.ts';
import { OriginPolicy } from './auth/origin-policy.ts';
import type { LimiterFactory } from './auth/rate-limits.ts';
import { createChat } from './chat/create-chat.ts';
import { createChatEngine } from './chat/engine/chat-engine.ts';
import type { Phraser } from './chat/engine/phraser.ts';
import { marketChatTools } from './chat/market-chat-tools.ts';

/** The real clients, built by the composition root (main.ts) or by a test. */
export interface AppParts {
  source: MarketSource;
  cache: CacheStore;
  database: DatabaseHandle;
  logger: Logger;
  clock?: Clock;
  /** Shared with the adapters that count upstream requests; created here when absent. */
  metrics?: Metrics;
  /** Socket.IO adapter spanning instances (the Redis adapter when REDIS_URL is set). */
  socketAdapter?: Parameters<TypedServer['adapter']>[0];
  /** Worker threads for analyses and forecast fits; created here when absent. */
  computePool?: ComputePool;
  /** Login/register rate limiters (Redis-backed when REDIS_URL is set); in process memory when absent. */
  authLimiters?: LimiterFactory;
  /** Rewords chat answers (an LLM when LLM_BASE_URL is set); the engine's own words otherwise. */
  chatPhraser?: Phraser;
}

export interface AppOptions {
  candleStoreLimit: number;
  maxSubscriptionsPerSocket: number;
  staticDir?: string;
  /** How long start-up waits for the market source before serving anyway (default 5 s). */
  marketWaitMs?: number;
  /** How often each watched stream is analysed besides on candle close (default a minute). */
  analysisIntervalMs?: number;
  /** How often forecasts are refreshed and due ones scored, besides on candle close (default a minute). */
  predictionIntervalMs?: number;
  /** Sessions, cookie, CORS allow-list and login rate limits (server/src/auth). */
  accounts?: AccountsOptions;
}

export interface App {
  readonly httpServer: HttpServer;
  readonly io: TypedServer;
  readonly hub: StreamHub;
  readonly market: MarketService;
  readonly analysis: AnalysisService;
  readonly predictions: PredictionService;
  readonly predictionScheduler: PredictionScheduler;
  listen(port: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

export async function createApp(parts: AppParts, options: AppOptions): Promise<App> {
  const { logger } = parts;
  const clock = parts.clock ?? systemClock;
  const market = new MarketService(parts.source, clock, logger);
  const loading = market.start();
  // Serve at once if the markets load quickly; otherwise start anyway and say why in /readyz.
  const outcome = await Promise.race([
    loading.then(() => 'loaded'),
    sleep(options.marketWaitMs ?? 5_000, undefined, { ref: false }),
  ]);
  if (outcome !== 'loaded') {
    loading.catch((err: unknown) => logger.fatal({ err }, 'the market source rejected its configuration'));
  }
  const cached = new Cached(parts.cache, logger);
  const metrics = parts.metrics ?? createMetrics();

  const origins = new OriginPolicy(options.accounts?.corsOrigins ?? []);
  const io: TypedServer = new Server({
    serveClient: false,
    maxHttpBufferSize: 100_000,
    ...socketOriginOptions(origins),
  });
  if (parts.socketAdapter) io.adapter(parts.socketAdapter);
  const publisher = socketPublisher(io);
  const hub = new StreamHub(market, publisher, {
    storeLimit: options.candleStoreLimit,
    logger,
    onCandleClosed: (symbol, timeframe) => {
      scheduler.refresh(symbol, timeframe);
      predictionScheduler.refresh(symbol, timeframe);
    },
  });
  const computePool = parts.computePool ?? createComputePool();
  const analysis = new AnalysisService({
    compute: computePool,
    market,
    hub,
    cached,
    clock,
    onComputed: () => metrics.analysisComputations.inc(),
  });
  const scheduler = new AnalysisScheduler({
    service: analysis,
    hub,
    publish: (a) => publisher.analysis(a),
    logger,
    intervalMs: options.analysisIntervalMs,
  });
  scheduler.start();
  const predictions = new PredictionService({
    market,
    hub,
    analysis,
    cached,
    database: parts.database,
    pool: computePool,
    clock,
    logger,
    onIssued: () => metrics.forecastsIssued.inc(),
  });
  const predictionScheduler = new PredictionScheduler({
    service: predictions,
    scorer: new PredictionScorer({
      market,
      hub,
      database: parts.database,
      clock,
      logger,
      onScored: (n) => metrics.forecastsScored.inc(n),
    }),
    hub,
    publish: (p) => publisher.prediction(p),
    logger,
    intervalMs: options.predictionIntervalMs,
  });
  predictionScheduler.start();
  attachSocketHandlers(io, hub, analysis, predictions, {
    maxSubscriptionsPerSocket: options.maxSubscriptionsPerSocket,
    logger,
  });
  const accounts = createAccounts({
    db: parts.database.db,
    cache: parts.cache,
    io,
    origins,
    limiters: parts.authLimiters,
    logger,
    options: options.accounts,
  });
  const chatTools = marketChatTools({
    market,
    hub,
    analysis,
    cached,
    clock,
    prediction: async (symbol, timeframe) => (await predictions.get(symbol, timeframe)).prediction,
  });
  const chat = createChat({
    db: parts.database.db,
    io,
    engine: createChatEngine(chatTools, {
      phraser: parts.chatPhraser,
      // The question is the user's own words: only the failure goes to the log.
      onError: (err) => logger.warn({ err }, 'a chat answer could not use live data'),
    }),
    sockets: accounts.sockets,
    session: accounts.session,
    logger,
  });

  const readiness = async (): Promise<ReadinessResponse> => {
    const check = async (name: string, probe: () => Promise<unknown>) => {
      try {
        await probe();
        return { ok: true, detail: name };
      } catch (err) {
        return { ok: false, detail: `${name}: ${err instanceof Error ? err.message : String(err)}` };
      }
    };
    const checks = {
      market: market.readiness,
      cache: await check(parts.cache.kind, () => parts.cache.ping()),
      database: await check(parts.database.kind, () => parts.database.ping()),
    };
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  };
  const httpServer = createServer(
    createHttpApp({
      market: { market, hub, cached, clock, analysis, predictions },
      readiness,
      metrics: metrics.registry,
      staticDir: options.staticDir,
      logger,
      guards: accounts.guards,
      apiRoutes: [accounts.routes, chat.routes],
    }),
  );
  // Attached after Express so Socket.IO answers its own path first and hands everything else on.
  io.attach(httpServer);

  return {
    httpServer,
    io,
    hub,
    market,
    analysis,
    predictions,
    predictionScheduler,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      });
    },
    async close() {
      scheduler.stop();
      await predictionScheduler.stop();
      hub.closeAll();
      await io.close();
      await parts.source.close();
      await computePool.close();
      await parts.cache.close();
      await parts.database.close();
    },
  };
}
