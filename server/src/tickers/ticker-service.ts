import type { Ticker, TickerUpdate } from '../../../shared/tickers.ts';
import type { Clock } from '../kernel/clock.ts';
import { AppError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import type { Unsubscribe } from '../market/port.ts';
import { HourlyCloses } from './hourly-closes.ts';
import type { TickerQuote, TickerSource } from './port.ts';

export interface TickerServiceOptions {
  market: MarketService;
  source: TickerSource;
  clock: Clock;
  logger: Logger;
  /** How long the upstream stays open after its last holder leaves, so a reload is served warm. */
  lingerMs?: number;
  /** Changes are gathered for this long and pushed together: at most one push per interval. */
  pushIntervalMs?: number;
  /** How long a read waits for the first figures of an upstream it has just opened. */
  firstFiguresWaitMs?: number;
}

type Listener = (updates: TickerUpdate[]) => void;

/**
 * How long a first read waits for sparklines once the figures are in: they come one history read per
 * symbol, and hundreds of markets are not worth holding the figures back for; later pushes bring them.
 */
const SPARKLINE_WAIT_MS = 1_000;

/**
 * The tickers of every offered symbol from one upstream (TickerSource), open while anyone follows
 * them: each change is kept, gathered and pushed at most once a second to every listener at once.
 * Every figure of the dashboard's and the chat's 24-hour change comes from here.
 */
export class TickerService {
  private readonly quotes = new Map<string, TickerQuote>();
  private readonly stale = new Set<string>();
  /** Changed since the last push; with a sparkline when `withSparkline` has it too. */
  private readonly changed = new Set<string>();
  private readonly withSparkline = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private readonly arrivals = new Set<() => void>();
  private readonly hourly: HourlyCloses;
  private holders = 0;
  private upstream?: { symbols: readonly string[]; stop: Unsubscribe; pushes: NodeJS.Timeout };
  private linger?: NodeJS.Timeout;

  constructor(private readonly options: TickerServiceOptions) {
    this.hourly = new HourlyCloses({
      market: options.market,
      clock: options.clock,
      logger: options.logger,
      onRead: (symbol, changed) => {
        if (changed && this.quotes.has(symbol)) this.change(symbol, true);
        this.arrived();
      },
    });
  }

  /** Keeps the upstream open until the returned function is called. */
  hold(): () => void {
    this.holders++;
    clearTimeout(this.linger);
    this.open();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders = Math.max(0, this.holders - 1);
      if (this.holders > 0) return;
      this.linger = setTimeout(() => this.shut(), this.options.lingerMs ?? 0);
      this.linger.unref();
    };
  }

  /**
   * The tickers of `symbols`, every offered one by default, as they stand. A read that opens the
   * upstream waits a moment for its first figures; the upstream then lingers for the next read.
   */
  async snapshot(symbols?: readonly string[]): Promise<Ticker[]> {
    const wanted = this.offered(symbols);
    const release = this.hold();
    try {
      await this.ready(wanted);
    } finally {
      release();
    }
    const tickers = wanted.flatMap((symbol) => this.ticker(symbol) ?? []);
    if (tickers.length === 0)
      throw new AppError(
        'UPSTREAM_UNAVAILABLE',
        `No prices have come from ${this.options.market.info.id} yet; try again in a moment`,
      );
    return tickers;
  }

  /** One symbol's ticker, or undefined when none can be had now. */
  async get(symbol: string): Promise<Ticker | undefined> {
    return (await this.snapshot([symbol]).catch(() => []))[0];
  }

  /** Pushes of what changed; every listener gets the same array. */
  onUpdates(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    clearTimeout(this.linger);
    this.holders = 0;
    this.shut();
    this.listeners.clear();
  }

  private offered(symbols: readonly string[] | undefined): string[] {
    const { market } = this.options;
    if (!market.readiness.ok)
      throw new AppError('UPSTREAM_UNAVAILABLE', `Markets are not available yet: ${market.readiness.detail}`);
    const known = market.symbols().map((s) => s.symbol);
    if (!symbols) return known;
    const unknown = symbols.filter((s) => !known.includes(s));
    if (unknown.length > 0)
      throw new AppError(
        'UNKNOWN_SYMBOL',
        `Unknown symbol ${unknown.map((s) => `"${s}"`).join(', ')} on ${market.info.id}`,
      );
    return [...new Set(symbols)];
  }

  private ticker(symbol: string): Ticker | undefined {
    const quote = this.quotes.get(symbol);
    if (!quote) return undefined;
    const ticker: Ticker = { ...quote, sparkline: this.hourly.get(symbol) ?? [] };
    if (this.stale.has(symbol)) ticker.stale = true;
    return ticker;
  }

  /** Resolves once every symbol has its figures and a first try at its sparkline, or after a wait. */
  private async ready(symbols: readonly string[]): Promise<void> {
    const figures = () => symbols.every((s) => this.quotes.has(s));
    await this.until(figures, this.options.firstFiguresWaitMs ?? 5_000);
    if (figures()) await this.until(() => symbols.every((s) => this.hourly.tried(s)), SPARKLINE_WAIT_MS);
  }

  private until(done: () => boolean, waitMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.arrivals.delete(check);
        resolve();
      };
      const check = () => {
        if (done()) finish();
      };
      const timer = setTimeout(finish, waitMs);
      this.arrivals.add(check);
    });
  }

  private arrived(): void {
    for (const check of [...this.arrivals]) check();
  }

  private open(): void {
    if (this.upstream) return;
    const symbols = this.options.market.symbols().map((s) => s.symbol);
    const stop = this.options.source.watch(symbols, {
      onQuotes: (quotes) => {
        for (const quote of quotes) {
          if (!symbols.includes(quote.symbol)) continue;
          const known = this.quotes.get(quote.symbol);
          this.quotes.set(quote.symbol, quote);
          const wasStale = this.stale.delete(quote.symbol);
          // A symbol's first figures go out whole, sparkline included: no listener knows it yet.
          if (!known) this.change(quote.symbol, true);
          else if (wasStale || !sameQuote(known, quote)) this.change(quote.symbol, false);
        }
        this.hourly.refresh(quotes.map((q) => q.symbol));
        this.arrived();
      },
      onStatus: (affected, status) => {
        for (const symbol of affected) {
          const stale = status.state === 'stale';
          if (stale === this.stale.has(symbol)) continue;
          if (stale) this.stale.add(symbol);
          else this.stale.delete(symbol);
          if (this.quotes.has(symbol)) this.change(symbol, false);
        }
      },
    });
    const pushes = setInterval(() => this.push(), this.options.pushIntervalMs ?? 1_000);
    pushes.unref();
    this.upstream = { symbols, stop, pushes };
  }

  /** Nobody follows any more: the figures go with the upstream, so no later read gets old ones. */
  private shut(): void {
    if (!this.upstream || this.holders > 0) return;
    this.upstream.stop();
    clearInterval(this.upstream.pushes);
    this.upstream = undefined;
    this.quotes.clear();
    this.stale.clear();
    this.changed.clear();
    this.withSparkline.clear();
  }

  private change(symbol: string, sparkline: boolean): void {
    this.changed.add(symbol);
    if (sparkline) this.withSparkline.add(symbol);
  }

  private push(): void {
    if (this.upstream) this.hourly.refresh(this.upstream.symbols);
    if (this.changed.size === 0) return;
    const updates: TickerUpdate[] = [];
    for (const symbol of this.changed) {
      const ticker = this.ticker(symbol);
      if (!ticker) continue;
      if (this.withSparkline.has(symbol)) updates.push(ticker);
      else {
        const { sparkline: _unchanged, ...update } = ticker;
        updates.push(update);
      }
    }
    this.changed.clear();
    this.withSparkline.clear();
    for (const listener of this.listeners) listener(updates);
  }
}

/** A poll that brings the same figures again changes nothing anyone needs to be told. */
function sameQuote(a: TickerQuote, b: TickerQuote): boolean {
  return (
    a.last === b.last &&
    a.change24hPercent === b.change24hPercent &&
    a.high24h === b.high24h &&
    a.low24h === b.low24h &&
    a.quoteVolume24h === b.quoteVolume24h
  );
}
