import { createServer, type Server as HttpServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { OriginPolicy } from '../auth/origin-policy.ts';
import { memoryLimiters, type LimiterFactory } from '../auth/rate-limits.ts';
import type { CacheStore } from '../cache/port.ts';
import { createChatEngine } from '../chat/engine/chat-engine.ts';
import type { Phraser } from '../chat/engine/phraser.ts';
import { FeedFreshness } from '../chat/feed-freshness.ts';
import { marketChatTools } from '../chat/market-chat-tools.ts';
import { chatAlertsOf } from '../chat/alert-chat-tools.ts';
import type { ComputePool } from '../compute/compute-pool.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createHttpApp } from '../http/create-http-app.ts';
import { tickerRoutes } from '../http/routes/tickers.ts';
import { trustProxy } from '../kernel/client-address.ts';
import { systemClock, type Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import { InFlightWork } from '../kernel/in-flight-work.ts';
import { createMetrics, type Metrics } from '../kernel/metrics.ts';
import { MarketService } from '../market/market-service.ts';
import type { MarketSource } from '../market/port.ts';
import { limitSocketEvents, type EventLimits } from '../realtime/event-limits.ts';
import { SubscribeResponses } from '../realtime/subscribe-responses.ts';
import { attachTickerSocket } from '../realtime/ticker-socket.ts';
import {
  attachSocketHandlers,
  flushSocketWrites,
  refuseSocketsWhileDraining,
  socketPublisher,
  type TypedServer,
} from '../realtime/socket-server.ts';
import type { Streams } from '../streams/port.ts';
import type { StreamHub } from '../streams/stream-hub.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import type { PredictionService } from '../predict/prediction-service.ts';
import type { PredictionScheduler } from '../predict/prediction-scheduler.ts';
import type { TickerSource } from '../tickers/port.ts';
import type { TickerService } from '../tickers/ticker-service.ts';
import { createAccounts, socketOriginOptions, type AccountsOptions } from './accounts.ts';
import { createChat } from './chat.ts';
import { createWorkspaces } from './workspace.ts';
import { computeFunctions, createTaskPool } from './compute.ts';
import { DEFAULT_DRAIN_MS, FLUSH_MS, drainableRequests } from './draining.ts';
import { createMarketDomains } from './market-domains.ts';
import { readinessOf } from './readiness.ts';
import { createTickers } from './tickers.ts';
import { AlertWatcher } from '../alerts/alert-watcher.ts';
import { createAlerts, type Alerts, type AlertsOptions } from './alerts.ts';

/** The real clients, built by the composition root (main.ts) or by a test. */
export interface AppParts {
  source: MarketSource;
  /** The exchange's own tickers (ccxt); computed from the source's 1m candles when absent (the replay). */
  tickerSource?: TickerSource;
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
  /** Rate limiters for logins and chat questions (Redis-backed when REDIS_URL is set); in memory when absent. */
  rateLimiters?: LimiterFactory;
  /** Rewords chat answers (an LLM when LLM_BASE_URL is set); the engine's own words otherwise. */
  chatPhraser?: Phraser;
  /** Called last on close, after everything using them has stopped (e.g. the Redis connections). */
  onClose?: () => Promise<void>;
}

export interface AppOptions {
  candleStoreLimit: number;
  /** See HubOptions.lingerMs; 0 (the default) closes a stream when its last subscriber leaves. */
  streamLingerMs?: number;
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
  /** The per-user cap, webhook settings and change feed of the alerts. */
  alerts?: AlertsOptions;
  /** Events per socket and per address (default DEFAULT_EVENT_LIMITS). */
  eventLimits?: EventLimits;
  /** Requests to /api per address per minute (default 1200; 0: no limit). */
  httpRequestsPerMinute?: number;
  /** TRUST_PROXY: which proxies to believe about a client's address, for HTTP and sockets alike. */
  trustProxy?: string;
  /** Chat questions per user per minute (default 20). */
  questionsPerMinute?: number;
  /**
   * How long close() lets running requests and socket events finish before closing anyway (default
   * 8 s: with the rest of the shutdown, inside the 10 s main.ts allows before it exits regardless).
   */
  drainMs?: number;
}

export interface App {
  readonly httpServer: HttpServer;
  readonly io: TypedServer;
  readonly hub: StreamHub;
  readonly streams: Streams;
  readonly market: MarketService;
  readonly analysis: AnalysisService;
  readonly predictions: PredictionService;
  readonly predictionScheduler: PredictionScheduler;
  readonly tickers: TickerService;
  readonly alerts: Alerts;
  readonly metrics: Metrics;
  listen(port: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** Loads the markets, but serves after `waitMs` anyway and says why in /readyz. */
async function startMarket(market: MarketService, waitMs: number, logger: Logger): Promise<void> {
  const loading = market.start();
  const outcome = await Promise.race([
    loading.then(() => 'loaded'),
    sleep(waitMs, undefined, { ref: false }),
  ]);
  if (outcome !== 'loaded') {
    loading.catch((err: unknown) => logger.fatal({ err }, 'the market source rejected its configuration'));
  }
}

export async function createApp(parts: AppParts, options: AppOptions): Promise<App> {
  const { logger, database } = parts;
  const clock = parts.clock ?? systemClock;
  const metrics = parts.metrics ?? createMetrics();
  const market = new MarketService(parts.source, clock, logger);
  await startMarket(market, options.marketWaitMs ?? 5_000, logger);

  const origins = new OriginPolicy(options.accounts?.corsOrigins ?? []);
  const io: TypedServer = new Server({
    serveClient: false,
    maxHttpBufferSize: 100_000,
    ...socketOriginOptions(origins),
  });
  if (parts.socketAdapter) io.adapter(parts.socketAdapter);
  // Every request and socket event served, so close() can stop taking new ones and let these finish.
  const inFlight = new InFlightWork();
  refuseSocketsWhileDraining(io, inFlight);
  // The chat reads from it whether a feed is live, to say when its figures are the last received.
  const feedFreshness = new FeedFreshness(clock);
  // Alerts read every candle the hub publishes, as it goes out; attached to the hub once it exists.
  const alertWatcher = new AlertWatcher({ clock, logger });
  const publisher = alertWatcher.observe(feedFreshness.observe(socketPublisher(io)));
  const limiters = parts.rateLimiters ?? memoryLimiters;
  // Before any handler: every event a socket sends is counted first.
  const trust = trustProxy(options.trustProxy ?? '');
  limitSocketEvents(io, options.eventLimits, trust);
  const computePool = parts.computePool ?? createTaskPool();
  const domains = createMarketDomains({
    market,
    cache: parts.cache,
    database,
    clock,
    logger,
    metrics,
    compute: computeFunctions(computePool),
    publisher,
    candleStoreLimit: options.candleStoreLimit,
    streamLingerMs: options.streamLingerMs,
    analysisIntervalMs: options.analysisIntervalMs,
    predictionIntervalMs: options.predictionIntervalMs,
  });
  const { hub, streams, analysis, predictions } = domains;
  domains.start();
  const responses = new SubscribeResponses({
    market,
    analysis,
    predictions,
    publishPrediction: publisher.prediction,
    clock,
    logger,
  });
  attachSocketHandlers(io, hub, responses, {
    maxSubscriptionsPerSocket: options.maxSubscriptionsPerSocket,
    logger,
    inFlight,
  });
  const tickers = createTickers({
    market,
    source: parts.tickerSource,
    clock,
    logger,
    lingerMs: options.streamLingerMs,
  });
  attachTickerSocket(io, tickers, { logger, inFlight });

  const accounts = createAccounts({
    db: database.db,
    io,
    clock,
    origins,
    limiters,
    logger,
    options: options.accounts,
  });
  const alerts = createAlerts({
    db: database.db,
    watcher: alertWatcher,
    hub,
    market,
    io,
    clock,
    logger,
    metrics,
    sockets: accounts.sockets,
    session: accounts.session,
    inFlight,
    options: options.alerts,
  });
  const chatTools = {
    ...marketChatTools({
      market,
      streams,
      analysis,
      clock,
      prediction: async (symbol, timeframe) => (await predictions.get(symbol, timeframe)).prediction,
      ticker: (symbol) => tickers.get(symbol),
      feeds: feedFreshness,
    }),
    // The chat sets, lists and deletes the asking user's alerts through the same service as the socket.
    alertsOf: chatAlertsOf(alerts.service),
  };
  const chat = createChat({
    db: database.db,
    io,
    engine: createChatEngine(chatTools, {
      phraser: parts.chatPhraser,
      // The question is the user's own words: only the failure goes to the log.
      onError: (err) => logger.warn({ err }, 'a chat answer could not use live data'),
    }),
    sockets: accounts.sockets,
    session: accounts.session,
    limiters,
    questionsPerMinute: options.questionsPerMinute,
    logger,
    inFlight,
  });

  const workspaces = createWorkspaces({ db: database.db, clock, session: accounts.session });

  const httpServer = createServer(
    drainableRequests(
      createHttpApp({
        market: { market, streams, analysis, predictions },
        readiness: readinessOf({ market, cache: parts.cache, database, feeds: hub }),
        metrics: metrics.registry,
        staticDir: options.staticDir,
        logger,
        guards: accounts.guards,
        apiRoutes: [accounts.routes, chat.routes, tickerRoutes(tickers), workspaces.routes, alerts.routes],
        bodyParsers: workspaces.bodyParsers,
        trustProxy: trust,
        requestsPerMinute: options.httpRequestsPerMinute,
      }),
      inFlight,
    ),
  );
  // Attached after Express so Socket.IO answers its own path first and hands everything else on.
  io.attach(httpServer);

  return {
    httpServer,
    io,
    hub,
    streams,
    market,
    analysis,
    predictions,
    predictionScheduler: domains.predictionScheduler,
    tickers,
    alerts,
    metrics,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      });
    },
    /**
     * Drains, then closes: stops listening and refuses new sockets, events and requests (retryable
     * TEMPORARILY_UNAVAILABLE), lets those running finish within `drainMs` so what they stored is also
     * acknowledged, then closes the sockets, and only then what they used.
     */
    async close() {
      httpServer.close();
      const drained = await inFlight.drain(options.drainMs ?? DEFAULT_DRAIN_MS);
      if (!drained) logger.warn({ running: inFlight.size }, 'closing with requests still running');
      await flushSocketWrites(io, FLUSH_MS);
      const socketsClosed = io.close();
      // Kept-alive HTTP connections would hold the server open; nothing runs on them any more.
      httpServer.closeAllConnections();
      await socketsClosed;
      tickers.close();
      await alerts.close();
      await domains.stop();
      await parts.source.close();
      await computePool.close();
      await parts.cache.close();
      await database.close();
      await parts.onClose?.();
    },
  };
}
