import ccxt from 'ccxt';
import { MarketError } from '../errors.ts';
import type { CcxtExchange } from './ccxt-exchange.ts';
import { isWebSocketUrl, overrideOrigins, toWebSocketOrigin } from './url-override.ts';

export interface ExchangeOptions {
  /** Any ccxt exchange id, e.g. `binance`. */
  exchangeId: string;
  /** Origin replacing scheme, host and port of every public REST URL. */
  apiUrl?: string;
  /** Origin replacing those of every WebSocket URL; defaults to `apiUrl` so a local exchange stays local. */
  wsUrl?: string;
  timeoutMs: number;
  /** Called before every HTTP request with its path, for the upstream request metric. */
  onRequest?: (endpoint: string) => void;
  /** Called when the exchange answers 429/418 with a Retry-After. */
  onRetryAfter?: (ms: number) => void;
}

type CcxtInstance = CcxtExchange & {
  urls: { api: unknown };
  options: Record<string, unknown>;
  fetch(url: string, method?: string, headers?: unknown, body?: unknown): Promise<unknown>;
  onRestResponse(
    status: number,
    statusText: string,
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string,
  ): string;
};

function retryAfterMs(headers: Record<string, string>): number | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'retry-after');
  const value = key ? headers[key] : undefined;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** Builds the ccxt client: WebSocket-capable (ccxt.pro) where the exchange has it, spot markets only. */
export function createCcxtExchange(options: ExchangeOptions): CcxtExchange {
  const id = options.exchangeId;
  const registry = ccxt as unknown as Record<string, unknown> & {
    pro: Record<string, unknown>;
    exchanges: string[];
  };
  if (!registry.exchanges.includes(id)) {
    throw new MarketError(
      'config',
      `EXCHANGE="${id}" is not an exchange ccxt knows (e.g. binance, kraken, coinbase)`,
    );
  }
  const Exchange = (registry.pro[id] ?? registry[id]) as new (config: object) => CcxtInstance;
  const exchange = new Exchange({
    enableRateLimit: true,
    timeout: options.timeoutMs,
    options: { defaultType: 'spot' },
  });

  // Where the exchange loads several market types (binance: spot, linear, inverse), load spot only.
  const fetchMarkets = exchange.options.fetchMarkets as { types?: unknown } | undefined;
  if (fetchMarkets && Array.isArray(fetchMarkets.types)) fetchMarkets.types = ['spot'];

  if (options.apiUrl)
    exchange.urls.api = overrideOrigins(
      exchange.urls.api as never,
      options.apiUrl,
      (u) => !isWebSocketUrl(u),
    );
  const wsOrigin = options.wsUrl ?? (options.apiUrl ? toWebSocketOrigin(options.apiUrl) : undefined);
  if (wsOrigin)
    exchange.urls.api = overrideOrigins(
      exchange.urls.api as never,
      toWebSocketOrigin(wsOrigin),
      isWebSocketUrl,
    );

  const fetch = exchange.fetch.bind(exchange);
  exchange.fetch = (url, ...rest) => {
    options.onRequest?.(new URL(url).pathname);
    return fetch(url, ...rest);
  };
  const onRestResponse = exchange.onRestResponse.bind(exchange);
  exchange.onRestResponse = (status, statusText, url, method, headers, body) => {
    if (status === 429 || status === 418) {
      const wait = retryAfterMs(headers ?? {});
      if (wait !== undefined) options.onRetryAfter?.(wait);
    }
    return onRestResponse(status, statusText, url, method, headers, body);
  };
  return exchange;
}
