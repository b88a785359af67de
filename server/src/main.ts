/**
 * The composition root: reads the configuration once, builds every external client once (market
 * source, database, Redis) and hands them to createApp. Nothing else in the server decides which
 * adapter runs.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { createApp, type AppParts } from './app/create-app.ts';
import { createMarketSource } from './app/market-source.ts';
import { redisLimiters } from './auth/redis/redis-limiters.ts';
import { loadOrCreateSessionSecret } from './auth/session-secret.ts';
import { withFallback } from './cache/fallback-cache.ts';
import { createMemoryCache } from './cache/memory/memory-cache.ts';
import { createRedisCache } from './cache/redis/redis-cache.ts';
import { createLlmPhraser } from './chat/llm/llm-phraser.ts';
import { openDatabase } from './db/database.ts';
import { ConfigError, loadConfig, type Config } from './kernel/config.ts';
import { createLogger, type Logger } from './kernel/logger.ts';
import { createMetrics } from './kernel/metrics.ts';
import { projectPath } from './kernel/paths.ts';
import { fireAndForgetPublisher } from './kernel/redis/fire-and-forget-publisher.ts';
import { connectRedis } from './kernel/redis/redis-clients.ts';
import type { MarketSource } from './market/port.ts';
import { shareFeedsThroughRedis } from './market/redis/shared-feed-source.ts';

/** How long a start waits for Redis before serving without it (it is used as soon as it answers). */
const REDIS_START_WAIT_MS = 3_000;

type RedisBacked = Pick<AppParts, 'source' | 'cache' | 'socketAdapter' | 'rateLimiters' | 'onClose'>;

/** With REDIS_URL: one feed per stream across instances, a shared cache, broadcasts across instances. */
async function redisParts(config: Config, logger: Logger, source: MarketSource): Promise<RedisBacked> {
  if (!config.redisUrl) return { source, cache: createMemoryCache() };
  const redis = connectRedis(config.redisUrl, logger);
  if (!(await redis.ready(REDIS_START_WAIT_MS)))
    logger.warn('redis is not answering; starting without it (per-instance feeds and memory cache)');
  return {
    source: shareFeedsThroughRedis(source, {
      command: redis.command,
      subscriber: redis.subscriber,
      leaseMs: config.feedLeaseMs,
      logger,
    }),
    cache: withFallback(createRedisCache(redis.command), createMemoryCache(), logger),
    socketAdapter: createAdapter(fireAndForgetPublisher(redis.command), redis.subscriber),
    rateLimiters: redisLimiters(redis.command),
    onClose: () => redis.close(),
  };
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const metrics = createMetrics();
  const [{ source: marketSource, tickerSource }, database] = await Promise.all([
    createMarketSource(config, logger, metrics),
    openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger }),
  ]);
  const redisBacked = await redisParts(config, logger, marketSource);
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
    { ...redisBacked, tickerSource, database, logger, metrics, chatPhraser },
    {
      candleStoreLimit: config.candleStoreLimit,
      streamLingerMs: config.streamLingerSeconds * 1000,
      maxSubscriptionsPerSocket: config.maxSubscriptionsPerSocket,
      trustProxy: config.trustProxy,
      httpRequestsPerMinute: config.httpRequestsPerMinute,
      eventLimits: {
        perSocket: config.socketEventsPerSocket,
        perIp: config.socketEventsPerAddress,
        windowSeconds: 10,
      },
      staticDir: projectPath('dist/client/'),
      accounts: {
        sessionSecret: config.sessionSecret ?? (await loadOrCreateSessionSecret(config.dataDir)),
        sessionTtlMs: config.sessionTtlMinutes * 60_000,
        sessionMaxMs: config.sessionMaxHours * 3_600_000,
        cookieSecure: config.cookieSecure,
        corsOrigins: config.corsOrigins,
      },
      alerts: {
        maxPerUser: config.alertsMaxPerUser,
        webhook: {
          timeoutMs: config.alertWebhookTimeoutMs,
          attempts: config.alertWebhookAttempts,
          allowPrivate: config.alertWebhookAllowPrivate,
        },
      },
    },
  );
  const address = await app.listen(config.port, config.host);
  logger.info(
    {
      source: redisBacked.source.info.label,
      cache: redisBacked.cache.kind,
      database: `${database.kind} (${database.location})`,
    },
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
