import { z } from 'zod';
import { SymbolSchema } from '../../shared/market.ts';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number (0-65535)' })
    .int('must be a port number (0-65535)')
    .min(0, 'must be a port number (0-65535)')
    .max(65_535, 'must be a port number (0-65535)')
    .default(fallback);
const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number above 0' })
    .int('must be a whole number above 0')
    .positive('must be a whole number above 0')
    .default(fallback);
const optionalUrl = (schemes: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || schemes.some((s) => v.startsWith(`${s}://`)), {
      message: `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    });

const EnvSchema = z.object({
  PORT: port(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `replay` plays recorded Binance candles offline; `ccxt` talks to a live exchange. */
  MARKET_SOURCE: z.enum(['replay', 'ccxt'], { error: 'must be replay or ccxt' }).default('replay'),
  /** ccxt exchange id. */
  EXCHANGE: z
    .string()
    .regex(/^[a-z0-9]+$/, 'must be a ccxt exchange id such as binance')
    .default('binance'),
  SYMBOLS: z
    .string()
    .default('BTC/USDT,ETH/USDT,BNB/USDT,SOL/USDT')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(SymbolSchema).min(1, 'must list at least one symbol')),
  /** Replaces scheme, host and port of the exchange's REST URLs (a local exchange-compatible server). */
  EXCHANGE_API_URL: optionalUrl(['http', 'https']),
  /** The same for its WebSocket URLs; defaults to EXCHANGE_API_URL's host when that is set. */
  EXCHANGE_WS_URL: optionalUrl(['ws', 'wss', 'http', 'https']),
  EXCHANGE_TIMEOUT_MS: positiveInt(10_000),
  /** Polling interval where the exchange has no WebSocket; never below the exchange's rate limit. */
  POLL_INTERVAL_MS: positiveInt(2_000),
  /** With REDIS_URL: how long an instance's lease on a stream's upstream feed lasts unless renewed. */
  FEED_LEASE_MS: z.coerce
    .number({ error: 'must be a whole number of ms' })
    .int('must be a whole number of ms')
    .min(1000, 'must be at least 1000')
    .default(5_000),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  /** Where embedded state lives (the PGlite database). */
  DATA_DIR: z.string().default('.data'),
  /** How often the replay's forming candle moves. */
  REPLAY_TICK_MS: positiveInt(1000),
  /** Candles kept in memory per stream; snapshots are served from here. */
  CANDLE_STORE_LIMIT: z.coerce
    .number({ error: 'must be a whole number from 2000 to 100000' })
    .int('must be a whole number from 2000 to 100000')
    .min(2000, 'must be at least 2000, the largest snapshot a client may ask for')
    .max(100_000, 'must be at most 100000')
    .default(3000),
  MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt(20),
});

export type Config = Readonly<{
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  marketSource: z.infer<typeof EnvSchema>['MARKET_SOURCE'];
  exchange: string;
  symbols: readonly string[];
  exchangeApiUrl: string | undefined;
  exchangeWsUrl: string | undefined;
  exchangeTimeoutMs: number;
  pollIntervalMs: number;
  feedLeaseMs: number;
  redisUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  replayTickMs: number;
  candleStoreLimit: number;
  maxSubscriptionsPerSocket: number;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; a bad value names the variable and stops the start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    marketSource: e.MARKET_SOURCE,
    exchange: e.EXCHANGE,
    symbols: Object.freeze(e.SYMBOLS),
    exchangeApiUrl: e.EXCHANGE_API_URL,
    exchangeWsUrl: e.EXCHANGE_WS_URL,
    exchangeTimeoutMs: e.EXCHANGE_TIMEOUT_MS,
    pollIntervalMs: e.POLL_INTERVAL_MS,
    feedLeaseMs: e.FEED_LEASE_MS,
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    replayTickMs: e.REPLAY_TICK_MS,
    candleStoreLimit: e.CANDLE_STORE_LIMIT,
    maxSubscriptionsPerSocket: e.MAX_SUBSCRIPTIONS_PER_SOCKET,
  });
}
