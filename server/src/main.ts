/**
 * The composition root: reads the configuration once, builds the real clients it names and hands
 * them to createApp. Nothing else in the server decides which adapter runs.
 */
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { createMemoryCache } from './cache/memory/memory-cache.ts';
import { createRedisCache } from './cache/redis/redis-cache.ts';
import { withFallback } from './cache/fallback-cache.ts';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { createLogger, type Logger } from './logger.ts';
import type { MarketSource } from './market/port.ts';
import { createReplaySource } from './market/replay/replay-source.ts';
import { CcxtSource } from './market/ccxt/ccxt-source.ts';
import { createCcxtExchange } from './market/ccxt/create-exchange.ts';
import { RateGate } from './market/rate-gate.ts';
import { shareFeedsThroughRedis } from './market/redis/shared-feed-source.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { redisLimiters } from './auth/redis/redis-limiters.ts';
import { loadOrCreateSessionSecret } from './auth/session-secret.ts';
import { createLlmPhraser } from './chat/llm/llm-phraser.ts';

const STATIC_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));

async function createSource(config: Config, logger: Logger, metrics: Metrics): Promise<MarketSource> {
  switch (config.marketSource) {
    case 'replay':
      return createReplaySource({ clock: systemClock, tickMs: config.replayTickMs, logger });
    case 'ccxt': {
      const gate = new RateGate(systemClock);
      const count = (endpoint: string) =>
        metrics.upstreamRequests.inc({ exchange: config.exchange, endpoint });
      const exchange = createCcxtExchange({
        exchangeId: config.exchange,
        apiUrl: config.exchangeApiUrl,
        wsUrl: config.exchangeWsUrl,
        timeoutMs: config.exchangeTimeoutMs,
        onRequest: count,
        onRetryAfter: (ms) => gate.block(ms),
      });
      const source = new CcxtSource({
        exchange,
        symbols: config.symbols,
        pollIntervalMs: config.pollIntervalMs,
        clock: systemClock,
        logger,
        gate,
        onWebSocketSubscribe: count,
      });
      return source;
    }
  }
}

/** With REDIS_URL: one feed per stream across instances, a shared cache, broadcasts across instances. */
async function redisParts(config: Config, logger: Logger, source: MarketSource) {
  const url = config.redisUrl;
  if (!url) return { source, cache: createMemoryCache(), socketAdapter: undefined, authLimiters: undefined };
  const pub = new Redis(url, { retryStrategy: (n) => Math.min(n * 200, 5_000) });
  const sub = pub.duplicate();
  // Login limits fail fast while Redis is away (no offline queue): the in-memory insurance takes over.
  const limits = new Redis(url, {
    enableOfflineQueue: false,
    retryStrategy: (n) => Math.min(n * 200, 5_000),
  });
  for (const client of [pub, sub, limits]) client.on('error', () => {});
  return {
    source: await shareFeedsThroughRedis(source, { url, leaseMs: config.feedLeaseMs, logger }),
    cache: withFallback(await createRedisCache(url, logger), createMemoryCache(), logger),
    socketAdapter: createAdapter(pub, sub),
    authLimiters: redisLimiters(limits),
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const metrics = createMetrics();
  const [marketSource, database] = await Promise.all([
    createSource(config, logger, metrics),
    openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger }),
  ]);
  const { source, cache, socketAdapter, authLimiters } = await redisParts(config, logger, marketSource);
  if (!config.sessionSecret && config.redisUrl)
    logger.warn('SESSION_SECRET is not set: every instance signs sessions with its own secret from DATA_DIR');
  const chatPhraser = config.llmBaseUrl
    ? createLlmPhraser({
        baseUrl: config.llmBaseUrl,
        apiKey: config.llmApiKey,
        model: config.llmModel,
        timeoutMs: config.llmTimeoutMs,
        onFallback: (reason) =>
          logger.warn({ err: reason }, 'LLM phrasing unavailable; the engine’s words stand'),
      })
    : undefined;
  const app = await createApp(
    { source, cache, database, logger, metrics, socketAdapter, authLimiters, chatPhraser },
    {
      candleStoreLimit: config.candleStoreLimit,
      maxSubscriptionsPerSocket: config.maxSubscriptionsPerSocket,
      staticDir: STATIC_DIR,
      accounts: {
        sessionSecret: config.sessionSecret ?? (await loadOrCreateSessionSecret(config.dataDir)),
        sessionTtlMs: config.sessionTtlMinutes * 60_000,
        cookieSecure: config.cookieSecure,
        corsOrigins: config.corsOrigins,
      },
    },
  );
  const address = await app.listen(config.port, config.host);
  logger.info(
    { source: source.info.label, cache: cache.kind, database: `${database.kind} (${database.location})` },
    `TrendScope on http://localhost:${address.port}`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('TrendScope could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
