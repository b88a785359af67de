import {
  TIMEFRAMES,
  TIMEFRAME_MS,
  bucketStart,
  type Candle,
  type Timeframe,
} from '../../../../shared/market.ts';
import type { SourceInfo, SymbolInfo } from '../../../../shared/http.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { describePick, type MarketPick } from '../../kernel/market-picks.ts';
import { MarketError } from '../errors.ts';
import type { FetchCandlesOptions, MarketSource, Unsubscribe, WatchHandlers } from '../port.ts';
import type { RateGate } from '../rate-gate.ts';
import type { CcxtExchange, CcxtMarket, OHLCV } from './ccxt-exchange.ts';
import { CandleFeed } from './candle-feed.ts';
import { needsVolumes, selectMarkets } from './select-markets.ts';
import { gatedCall } from './gated-call.ts';
import { translateCcxtError } from './translate-error.ts';

const TICK_SIZE = 4;

export interface CcxtSourceOptions {
  exchange: CcxtExchange;
  /** What to offer, as SYMBOLS says: markets by name, `top:N`, `quote:QUOTE` (active spot markets only). */
  symbols: readonly MarketPick[];
  pollIntervalMs: number;
  clock: Clock;
  logger: Logger;
  /** One per exchange, shared with the client factory so a Retry-After pauses every request. */
  gate: RateGate;
  /** Counts WebSocket subscriptions for the upstream metric. */
  onWebSocketSubscribe?: (channel: string) => void;
  staleAfterMs?: number;
  silenceMs?: number;
  webSocketRetryMs?: number;
  /** Most candles the exchange returns per request. */
  maxCandlesPerRequest?: number;
  /** An interactive history request gives up rather than wait longer than this for a rate limit. */
  maxHistoryWaitMs?: number;
  /** Multiplies backoff delays; for tests only. */
  backoffScale?: number;
}

export function toCandle(row: OHLCV): Candle {
  const [time, open, high, low, close, volume] = row;
  return {
    time,
    open: open ?? NaN,
    high: high ?? NaN,
    low: low ?? NaN,
    close: close ?? NaN,
    volume: volume ?? 0,
  };
}

function pricePrecision(market: CcxtMarket, precisionMode: number): number {
  const p = market.precision?.price;
  if (p === undefined || !(p > 0)) return 2;
  return precisionMode === TICK_SIZE ? Math.max(0, Math.round(-Math.log10(p))) : Math.round(p);
}

/** A live exchange through ccxt: public endpoints only, spot markets only. */
export class CcxtSource implements MarketSource {
  readonly info: SourceInfo;
  readonly fetchTimeframes: readonly Timeframe[];
  readonly watchTimeframes: readonly Timeframe[];
  private readonly feeds = new Set<CandleFeed>();
  /** Feeds told to stop whose unsubscription may still be on its way. */
  private readonly stopping = new Set<Promise<void>>();
  private readonly exchange: CcxtExchange;

  constructor(private readonly options: CcxtSourceOptions) {
    this.exchange = options.exchange;
    this.info = { id: this.exchange.id, kind: 'exchange', label: `Live: ${this.exchange.id}` };
    const offered = this.exchange.timeframes ?? {};
    this.fetchTimeframes = TIMEFRAMES.filter((tf) => tf in offered);
    this.watchTimeframes = this.fetchTimeframes;
  }

  async loadSymbols(): Promise<SymbolInfo[]> {
    await this.exchange.loadHttpProxyAgent?.();
    const picks = this.options.symbols;
    const markets = await this.call(() => this.exchange.loadMarkets());
    const volumes = needsVolumes(picks) ? await this.quoteVolumes() : undefined;
    const { markets: chosen, unmatched } = selectMarkets(picks, markets, volumes);
    if (unmatched.length > 0) {
      this.options.logger.warn(
        { exchange: this.exchange.id, unmatched },
        'SYMBOLS asks for markets the exchange has no active spot market for; skipped',
      );
    }
    if (chosen.length === 0) {
      throw new MarketError(
        'config',
        `None of SYMBOLS (${picks.map(describePick).join(', ')}) is an active spot market on ${this.exchange.id}`,
      );
    }
    return chosen.map((m) => ({
      symbol: m.symbol,
      base: m.base,
      quote: m.quote,
      pricePrecision: pricePrecision(m, this.exchange.precisionMode),
    }));
  }

  /** Every market's 24-hour quote volume as the exchange reports it, for `top:N`: one request. */
  private async quoteVolumes(): Promise<Map<string, number>> {
    const { exchange } = this;
    if (!exchange.fetchTickers || !exchange.has.fetchTickers) {
      throw new MarketError(
        'config',
        `${exchange.id} does not report every market's 24-hour volume at once, which top:N needs; name the markets in SYMBOLS or use quote:QUOTE`,
      );
    }
    const tickers = await this.call(() => exchange.fetchTickers!());
    const volumes = new Map<string, number>();
    for (const t of Object.values(tickers))
      if (t.quoteVolume !== undefined) volumes.set(t.symbol, t.quoteVolume);
    return volumes;
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, options: FetchCandlesOptions): Promise<Candle[]> {
    const now = this.options.clock();
    const from = options.since ?? bucketStart(now, timeframe) - (options.limit - 1) * TIMEFRAME_MS[timeframe];
    const candles = await this.fetchRange(
      symbol,
      timeframe,
      from,
      options.limit,
      undefined,
      this.options.maxHistoryWaitMs ?? 10_000,
    );
    return options.since === undefined ? candles.slice(-options.limit) : candles.slice(0, options.limit);
  }

  watchCandles(symbol: string, timeframe: Timeframe, handlers: WatchHandlers): Unsubscribe {
    const canWatch = typeof this.exchange.watchOHLCV === 'function' && this.exchange.has.watchOHLCV === true;
    const feed: CandleFeed = new CandleFeed({
      exchangeId: this.exchange.id,
      symbol,
      timeframe,
      handlers,
      watch: canWatch
        ? async () => (await this.exchange.watchOHLCV!(symbol, timeframe)).map(toCandle)
        : undefined,
      unwatch: this.exchange.unWatchOHLCV ? () => this.exchange.unWatchOHLCV!(symbol, timeframe) : undefined,
      fetchSince: (since, signal) =>
        this.fetchRange(symbol, timeframe, since, Number.POSITIVE_INFINITY, signal),
      translate: (err) => translateCcxtError(err, this.exchange.id),
      // Never faster than the exchange's own rate limit allows.
      pollIntervalMs: Math.max(this.options.pollIntervalMs, this.exchange.rateLimit),
      staleAfterMs: this.options.staleAfterMs ?? 10_000,
      silenceMs: this.options.silenceMs ?? 60_000,
      webSocketRetryMs: this.options.webSocketRetryMs ?? 60_000,
      onWebSocketSubscribe: () => this.options.onWebSocketSubscribe?.(`ws:ohlcv:${timeframe}`),
      clock: this.options.clock,
      logger: this.options.logger,
      backoffScale: this.options.backoffScale,
    });
    this.feeds.add(feed);
    feed.start();
    return () => {
      if (!this.feeds.delete(feed)) return;
      const stopped = feed.stop().finally(() => this.stopping.delete(stopped));
      this.stopping.add(stopped);
    };
  }

  async close(): Promise<void> {
    // Let the unsubscriptions go out before the sockets close under them.
    await Promise.all([...[...this.feeds].map((feed) => feed.stop()), ...this.stopping]);
    this.feeds.clear();
    await this.exchange.close().catch(() => {});
  }

  /** Candles from `since` on, page by page, until `limit` or the forming candle. */
  private async fetchRange(
    symbol: string,
    timeframe: Timeframe,
    since: number,
    limit: number,
    signal?: AbortSignal,
    maxWaitMs?: number,
  ): Promise<Candle[]> {
    const perRequest = this.options.maxCandlesPerRequest ?? 1000;
    const step = TIMEFRAME_MS[timeframe];
    const forming = bucketStart(this.options.clock(), timeframe);
    const out: Candle[] = [];
    let cursor = since;
    while (out.length < limit) {
      // Ask for no more than can exist up to now: exchanges weigh big pages heavier against the rate limit.
      const possible = Math.max(1, Math.floor((forming - cursor) / step) + 2);
      const count = Math.min(perRequest, limit - out.length, possible);
      const page = (
        await this.call(() => this.exchange.fetchOHLCV(symbol, timeframe, cursor, count), signal, maxWaitMs)
      ).map(toCandle);
      const fresh = page.filter((c) => c.time >= cursor);
      if (fresh.length === 0 && out.length === 0 && cursor <= forming) {
        // At least the forming candle exists; ccxt turns an unparseable body into an empty list.
        throw new MarketError('temporary', `${this.exchange.id} sent an empty or malformed candle list`);
      }
      out.push(...fresh);
      const last = fresh.at(-1);
      if (!last || last.time >= forming || fresh.length < count) break;
      cursor = last.time + step;
    }
    return out;
  }

  /** One upstream call: waits for the rate gate, translates failures, and pauses everyone on a rate limit. */
  private call<T>(op: () => Promise<T>, signal?: AbortSignal, maxWaitMs?: number): Promise<T> {
    return gatedCall(this.options.gate, this.exchange.id, op, signal, maxWaitMs);
  }
}
