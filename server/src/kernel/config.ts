import { z } from 'zod';
import { MARKET_PICK_FORMS, parseMarketPick, type MarketPick } from './market-picks.ts';

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

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** `loopback`, `10.0.0.0/8, 192.168.1.1`: names proxy-addr knows, or IPv4/IPv6 addresses with a prefix. */
const isProxyList = (v: string) =>
  v.split(',').every((part) => {
    const item = part.trim();
    return PROXY_NAMES.has(item) || /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item);
  });

/** Variables whose values never appear in an error message. */
const SECRETS = new Set(['SESSION_SECRET', 'LLM_API_KEY']);

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
  /** With ccxt, the markets to offer: names, `top:N[:QUOTE]`, `quote:QUOTE`, comma-separated (market-picks.ts). */
  SYMBOLS: z
    .string()
    .default('BTC/USDT,ETH/USDT,BNB/USDT,SOL/USDT')
    .transform((v, ctx) => {
      const picks: MarketPick[] = [];
      for (const item of v.split(',').filter((s) => s.trim() !== '')) {
        const pick = parseMarketPick(item);
        if (typeof pick === 'object' && 'error' in pick)
          ctx.issues.push({ code: 'custom', message: pick.error, input: v });
        else picks.push(pick);
      }
      return picks;
    })
    .pipe(z.array(z.custom<MarketPick>()).min(1, `must list at least one market: ${MARKET_PICK_FORMS}`)),
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
  /** Candles kept in memory per stream (4h and longer keep at least 5000); snapshots are served from here. */
  CANDLE_STORE_LIMIT: z.coerce
    .number({ error: 'must be a whole number from 2000 to 100000' })
    .int('must be a whole number from 2000 to 100000')
    .min(2000, 'must be at least 2000, more than the 1500 candles a chart starts with')
    .max(100_000, 'must be at most 100000')
    .default(3000),
  /** How long a stream stays open after its last viewer leaves, so a reload or a flip back is warm. */
  STREAM_LINGER_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds from 0 to 3600' })
    .int('must be a whole number of seconds from 0 to 3600')
    .min(0, 'must be at least 0 (close at once)')
    .max(3600, 'must be at most 3600')
    .default(30),
  MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt(20),
  /**
   * Signs session tokens. Unset: one is generated and kept in DATA_DIR, which suits one instance;
   * several instances must share one, so they must set it.
   */
  SESSION_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters (e.g. `openssl rand -base64 48`)',
  }),
  /** Lifetime of a session token; renewed while the user is active. */
  SESSION_TTL_MINUTES: z.coerce
    .number({ error: 'must be a whole number of minutes from 1 to 1440' })
    .int('must be a whole number of minutes from 1 to 1440')
    .min(1, 'must be at least 1')
    .max(1440, 'must be at most 1440 (a day)')
    .default(15),
  /** How long a sign-in lasts however active it is: renewals never pass it, then the user signs in again. */
  SESSION_MAX_HOURS: z.coerce
    .number({ error: 'must be a whole number of hours from 1 to 720' })
    .int('must be a whole number of hours from 1 to 720')
    .min(1, 'must be at least 1')
    .max(720, 'must be at most 720 (30 days)')
    .default(12),
  /** Mark the session cookie Secure (HTTPS only), and send HSTS; on for any deployment behind TLS. */
  COOKIE_SECURE: flag(false),
  /**
   * Which proxies in front of the server to believe about the client's address (X-Forwarded-For), as
   * Express reads it: a hop count (`1`), `loopback`, or addresses and CIDRs. Unset: none, and the
   * address is the connection's. Per-address limits behind a load balancer need it.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d+$/.test(v) || isProxyList(v), {
      message:
        'must be a hop count, loopback, linklocal, uniquelocal, or IP addresses / CIDRs, comma-separated',
    }),
  /** Requests to /api one address may make per minute; 0 turns the limit off. */
  HTTP_REQUESTS_PER_MINUTE: z.coerce
    .number({ error: 'must be a whole number, 0 for no limit' })
    .int('must be a whole number, 0 for no limit')
    .min(0, 'must be 0 or more')
    .default(1200),
  /** Socket events one connection may send per 10 s, and all connections of one address. */
  SOCKET_EVENTS_PER_SOCKET: positiveInt(40),
  SOCKET_EVENTS_PER_ADDRESS: positiveInt(400),
  /** Other web origins allowed to call the API and open the socket with the user's cookie. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .url({ protocol: /^https?$/, error: 'must list origins such as https://app.example.com' })
          .transform((u) => new URL(u).origin),
      ),
    ),
  /** An OpenAI-compatible API that phrases chat answers from the engine's figures; off when unset. */
  LLM_BASE_URL: optionalUrl(['http', 'https']),
  LLM_API_KEY: optionalString,
  LLM_MODEL: z.string().trim().min(1, 'must name a model').default('gpt-4o-mini'),
  /** Past this the engine's own wording is used. */
  LLM_TIMEOUT_MS: positiveInt(8_000),
  /** Alerts one user may have set (active or paused); checked in the database, so on every instance. */
  ALERTS_MAX_PER_USER: z.coerce
    .number({ error: 'must be a whole number from 1 to 10000' })
    .int('must be a whole number from 1 to 10000')
    .min(1, 'must be at least 1')
    .max(10_000, 'must be at most 10000')
    .default(200),
  /** How long one webhook delivery may take before it counts as failed and is retried. */
  ALERT_WEBHOOK_TIMEOUT_MS: positiveInt(5_000),
  /** Deliveries of one trigger to a webhook, the first included, with backoff between them. */
  ALERT_WEBHOOK_ATTEMPTS: z.coerce
    .number({ error: 'must be a whole number from 1 to 20' })
    .int('must be a whole number from 1 to 20')
    .min(1, 'must be at least 1')
    .max(20, 'must be at most 20')
    .default(8),
  /**
   * Lets webhooks reach private, loopback and link-local addresses: for a bot on the same host or
   * network of a server only its owner uses. Off, they are refused (a user could otherwise make the
   * server call into its own network).
   */
  ALERT_WEBHOOK_ALLOW_PRIVATE: flag(false),
});

type Env = z.output<typeof EnvSchema>;
/** `EXCHANGE_API_URL` → `exchangeApiUrl`: each setting is named once, in the schema above. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Lowercase<Head>}${Capitalize<CamelCase<Tail>>}`
  : Lowercase<S>;
export type Config = Readonly<{
  [K in keyof Env as CamelCase<K & string>]: Env[K] extends unknown[] ? Readonly<Env[K]> : Env[K];
}>;

/** Every variable the server reads, for docs and for checking `.env.example`. */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as ReadonlyArray<keyof Env>;

const camelCase = (name: string) =>
  name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; a bad value names the variable and stops the start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      const value = SECRETS.has(name) ? '(hidden)' : JSON.stringify(env[name] ?? '');
      return `  ${name}=${value}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // Every setting, unset optional ones included (as undefined), under its camelCase name.
  const settings = ENV_VARIABLES.map((name) => {
    const value = parsed.data[name];
    return [camelCase(name), Array.isArray(value) ? Object.freeze(value) : value];
  });
  return Object.freeze(Object.fromEntries(settings)) as Config;
}
