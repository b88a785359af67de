import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import type { CcxtExchange, CcxtTicker } from '../../market/ccxt/ccxt-exchange.ts';
import { gatedCall } from '../../market/ccxt/gated-call.ts';
import { translateCcxtError } from '../../market/ccxt/translate-error.ts';
import type { Unsubscribe } from '../../market/port.ts';
import type { RateGate } from '../../market/rate-gate.ts';
import type { TickerHandlers, TickerQuote, TickerSource } from '../port.ts';
import { TickerFeed } from './ticker-feed.ts';

/** ccxt's binance opens at most 200 streams a connection; past that, watch the all-markets stream. */
const MAX_SYMBOL_STREAMS = 200;

export interface CcxtTickerSourceOptions {
  /** The same client as the market source's: its markets loaded once, one rate limit. */
  exchange: CcxtExchange;
  gate: RateGate;
  pollIntervalMs: number;
  clock: Clock;
  logger: Logger;
  /** Counts WebSocket subscriptions for the upstream metric. */
  onWebSocketSubscribe?: (channel: string) => void;
  staleAfterMs?: number;
  silenceMs?: number;
  webSocketRetryMs?: number;
  /** Multiplies backoff delays; for tests only. */
  backoffScale?: number;
}

/** Whether the exchange has tickers of its own to read; otherwise they are computed from candles. */
export const hasTickers = (exchange: CcxtExchange): boolean =>
  typeof exchange.fetchTickers === 'function' && exchange.has.fetchTickers === true;

/**
 * An exchange's own rolling 24-hour tickers, for every offered symbol at once: one `fetchTickers`
 * request per poll, or one `watchTickers` subscription where ccxt streams them.
 */
export class CcxtTickerSource implements TickerSource {
  constructor(private readonly options: CcxtTickerSourceOptions) {}

  watch(symbols: readonly string[], handlers: TickerHandlers): Unsubscribe {
    const { exchange, gate, clock } = this.options;
    const wanted = new Set(symbols);
    const quotes = (tickers: Record<string, CcxtTicker>) =>
      Object.values(tickers).flatMap((t) => (wanted.has(t.symbol) ? (toQuote(t, clock()) ?? []) : []));
    // Streams by symbol where ccxt allows that many, else every market's stream, filtered here.
    const streamed = symbols.length <= MAX_SYMBOL_STREAMS ? [...symbols] : undefined;
    const canWatch = typeof exchange.watchTickers === 'function' && exchange.has.watchTickers === true;
    const feed = new TickerFeed({
      exchangeId: exchange.id,
      symbols,
      handlers,
      fetch: async (signal) =>
        quotes(await gatedCall(gate, exchange.id, () => exchange.fetchTickers!([...symbols]), signal)),
      watch: canWatch ? async () => quotes(await exchange.watchTickers!(streamed)) : undefined,
      unwatch: exchange.unWatchTickers ? () => exchange.unWatchTickers!(streamed) : undefined,
      translate: (err) => translateCcxtError(err, exchange.id),
      // Never faster than the exchange's own rate limit allows.
      pollIntervalMs: Math.max(this.options.pollIntervalMs, exchange.rateLimit),
      staleAfterMs: this.options.staleAfterMs ?? 10_000,
      silenceMs: this.options.silenceMs ?? 60_000,
      webSocketRetryMs: this.options.webSocketRetryMs ?? 60_000,
      onWebSocketSubscribe: () => this.options.onWebSocketSubscribe?.('ws:tickers'),
      logger: this.options.logger,
      backoffScale: this.options.backoffScale,
    });
    feed.start();
    return () => void feed.stop();
  }
}

/** ccxt leaves out what the exchange did not send; a ticker without a price or a change is skipped. */
function toQuote(t: CcxtTicker, now: number): TickerQuote | undefined {
  const last = t.last;
  if (last === undefined || !(last > 0)) return undefined;
  // ccxt drops a percentage of exactly zero; the open it came from says the same.
  const percent = t.percentage ?? (t.open ? ((last - t.open) / t.open) * 100 : undefined);
  if (percent === undefined || !Number.isFinite(percent)) return undefined;
  const quote: TickerQuote = {
    symbol: t.symbol,
    last,
    change24hPercent: percent,
    high24h: t.high ?? last,
    low24h: t.low ?? last,
    time: t.timestamp ?? now,
  };
  if (t.quoteVolume !== undefined && Number.isFinite(t.quoteVolume)) quote.quoteVolume24h = t.quoteVolume;
  return quote;
}
