import {
  TIMEFRAMES,
  TIMEFRAME_MS,
  bucketStart,
  type Candle,
  type Timeframe,
} from '../../../shared/market.ts';
import type { SourceInfo, SymbolInfo } from '../../../shared/http.ts';
import { AppError } from '../kernel/errors.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import { BucketAggregator, aggregateCandles, baseTimeframeFor } from './aggregate.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { findGaps, isValidCandle, normalizeCandles } from './candles.ts';
import { isMarketError } from './errors.ts';
import { retryDelay } from './retry-policy.ts';
import type { FetchCandlesOptions, MarketSource, Unsubscribe, WatchHandlers } from './port.ts';

/** Symbols an unknown-symbol error names before it says how many more there are. */
const NAMED_IN_ERRORS = 12;

/**
 * The one place above the adapters: validates requests, cleans what adapters return, and builds the
 * timeframes a source lacks from smaller ones.
 */
export class MarketService {
  private symbolsBySymbol = new Map<string, SymbolInfo>();
  private loaded = false;
  private loadError?: string;

  constructor(
    private readonly source: MarketSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  get info(): SourceInfo {
    return this.source.info;
  }

  /** Whether the source's markets are loaded, and why not if they are not. */
  get readiness(): { ok: boolean; detail: string } {
    if (this.loaded) return { ok: true, detail: this.info.label };
    return {
      ok: false,
      detail: `loading markets of ${this.info.id}${this.loadError ? `: ${this.loadError}` : ''}`,
    };
  }

  /**
   * Loads the markets, retrying while the source is unreachable; rejects only on a configuration error.
   * Until it resolves, requests get UPSTREAM_UNAVAILABLE with the reason.
   */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const symbols = await this.source.loadSymbols();
        this.symbolsBySymbol = new Map(symbols.map((s) => [s.symbol, s]));
        this.loaded = true;
        this.loadError = undefined;
        return;
      } catch (err) {
        if (!isMarketError(err) || err.kind === 'config') throw err;
        this.loadError = err.message;
        const delay = retryDelay(err, attempt)!;
        this.logger.warn(
          { source: this.info.id, attempt, delayMs: Math.round(delay) },
          `could not load markets: ${err.message}`,
        );
        await sleep(delay);
      }
    }
  }

  symbols(): SymbolInfo[] {
    return [...this.symbolsBySymbol.values()];
  }

  timeframes(): Timeframe[] {
    return TIMEFRAMES.filter(
      (tf) =>
        baseTimeframeFor(tf, this.source.fetchTimeframes) !== undefined &&
        baseTimeframeFor(tf, this.source.watchTimeframes) !== undefined,
    );
  }

  /** Throws a client-facing error unless the stream can be served. */
  assertStream(symbol: string, timeframe: Timeframe): void {
    if (!this.loaded)
      throw new AppError('UPSTREAM_UNAVAILABLE', `Markets are not available yet: ${this.readiness.detail}`);
    if (!this.symbolsBySymbol.has(symbol)) {
      // An exchange may offer hundreds: name a few, and how many more there are.
      const known = [...this.symbolsBySymbol.keys()];
      const more = known.length > NAMED_IN_ERRORS ? ` and ${known.length - NAMED_IN_ERRORS} more` : '';
      throw new AppError(
        'UNKNOWN_SYMBOL',
        `Unknown symbol "${symbol}" on ${this.info.id}; available: ${known.slice(0, NAMED_IN_ERRORS).join(', ')}${more}`,
      );
    }
    if (!this.timeframes().includes(timeframe)) {
      throw new AppError(
        'UNSUPPORTED_TIMEFRAME',
        `Timeframe ${timeframe} is not available from ${this.info.id}`,
      );
    }
  }

  async history(symbol: string, timeframe: Timeframe, options: FetchCandlesOptions): Promise<Candle[]> {
    this.assertStream(symbol, timeframe);
    const base = baseTimeframeFor(timeframe, this.source.fetchTimeframes)!;
    let candles: Candle[];
    if (base === timeframe) {
      candles = normalizeCandles(await this.source.fetchCandles(symbol, timeframe, options));
    } else {
      const step = TIMEFRAME_MS[timeframe];
      const from = options.since ?? bucketStart(this.clock(), timeframe) - (options.limit - 1) * step;
      const ratio = step / TIMEFRAME_MS[base];
      const bases = await this.source.fetchCandles(symbol, base, {
        since: bucketStart(from, timeframe),
        limit: (options.limit + 1) * ratio,
      });
      candles = aggregateCandles(normalizeCandles(bases), timeframe).filter(
        (c) => c.time >= bucketStart(from, timeframe),
      );
    }
    const gaps = findGaps(candles, timeframe);
    if (gaps.length > 0) this.logger.debug({ symbol, timeframe, gaps: gaps.length }, 'history has gaps');
    return options.since === undefined ? candles.slice(-options.limit) : candles.slice(0, options.limit);
  }

  watch(symbol: string, timeframe: Timeframe, handlers: WatchHandlers): Unsubscribe {
    this.assertStream(symbol, timeframe);
    const base = baseTimeframeFor(timeframe, this.source.watchTimeframes)!;
    if (base === timeframe) return this.source.watchCandles(symbol, timeframe, inOrder(handlers));

    const aggregator = new BucketAggregator(timeframe);
    // Until the bucket is seeded its fold lacks the earlier base candles: hold it back rather than
    // show a wrong open, high or low.
    let seeded = false;
    let stopped = false;
    const unsubscribe = this.source.watchCandles(
      symbol,
      base,
      inOrder({
        onStatus: handlers.onStatus,
        onCandle: (c) => {
          const folded = aggregator.push(c);
          if (folded && seeded) handlers.onCandle(folded);
        },
      }),
    );
    // The feed only brings candles from now on; the bucket's earlier base candles come from history.
    const seedFrom = bucketStart(this.clock(), timeframe);
    this.history(symbol, base, { since: seedFrom, limit: TIMEFRAME_MS[timeframe] / TIMEFRAME_MS[base] })
      .then((bases) => aggregator.seed(bases))
      .catch((err: unknown) => {
        this.logger.warn({ err, symbol, timeframe }, 'could not seed the forming candle');
        return aggregator.seed([]);
      })
      .then((folded) => {
        seeded = true;
        if (folded && !stopped) handlers.onCandle(folded);
      });
    return () => {
      stopped = true;
      unsubscribe();
    };
  }
}

/** Drops malformed candles and anything older than what was already passed on. */
function inOrder(handlers: WatchHandlers): WatchHandlers {
  let last = -Infinity;
  return {
    onStatus: handlers.onStatus,
    onCandle: (c) => {
      if (!isValidCandle(c) || c.time < last) return;
      last = c.time;
      handlers.onCandle(c);
    },
  };
}
