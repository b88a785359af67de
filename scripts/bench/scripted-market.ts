/**
 * A market whose prices the caller moves by hand, for the alert tests and benchmark: every instance
 * given the same ScriptedMarket receives each move at once, as instances sharing a feed do.
 */
import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../shared/market.ts';
import type { SymbolInfo } from '../../shared/http.ts';
import type { Clock } from '../../server/src/kernel/clock.ts';
import type { FetchCandlesOptions, MarketSource, WatchHandlers } from '../../server/src/market/port.ts';

const MINUTE = TIMEFRAME_MS['1m'];

export class ScriptedMarket implements MarketSource {
  readonly info = { id: 'scripted', kind: 'exchange' as const, label: 'Scripted market' };
  readonly fetchTimeframes: Timeframe[] = ['1m'];
  readonly watchTimeframes: Timeframe[] = ['1m'];
  private readonly candles = new Map<string, Candle[]>();
  private readonly watchers = new Map<string, Set<WatchHandlers>>();

  /**
   * `prices`: each symbol's price; its history is `historyLength` one-minute candles up to the
   * clock's minute, rippling ±1 % around it (so RSI, EMAs and MACD all have values) and ending on it.
   */
  constructor(prices: Record<string, number>, clock: Clock, historyLength = 600) {
    const now = bucketStart(clock(), '1m');
    for (const [symbol, price] of Object.entries(prices)) {
      const candles: Candle[] = [];
      for (let i = historyLength - 1; i >= 0; i--) {
        const close = i === 0 ? price : price * (1 + 0.01 * Math.sin(i / 7));
        const open = candles.at(-1)?.close ?? close;
        candles.push({
          time: now - i * MINUTE,
          open,
          high: Math.max(open, close),
          low: Math.min(open, close),
          close,
          volume: 1,
        });
      }
      this.candles.set(symbol, candles);
      this.watchers.set(symbol, new Set());
    }
  }

  /** The forming candle of `symbol`. */
  last(symbol: string): Candle {
    return this.series(symbol).at(-1)!;
  }

  /** The forming candle moves to `close` (a new high or low with it), and every watcher hears it. */
  tick(symbol: string, close: number): Candle {
    const candles = this.series(symbol);
    const last = candles.at(-1)!;
    const moved = { ...last, close, high: Math.max(last.high, close), low: Math.min(last.low, close) };
    candles[candles.length - 1] = moved;
    return this.publish(symbol, moved);
  }

  /** The forming candle closes as it is, and the next one opens at `close`. */
  open(symbol: string, close: number): Candle {
    const candles = this.series(symbol);
    const last = candles.at(-1)!;
    const next = {
      time: last.time + MINUTE,
      open: last.close,
      high: Math.max(last.close, close),
      low: Math.min(last.close, close),
      close,
      volume: 1,
    };
    candles.push(next);
    return this.publish(symbol, next);
  }

  async loadSymbols(): Promise<SymbolInfo[]> {
    return [...this.candles.keys()].map((symbol) => {
      const [base, quote] = symbol.split('/') as [string, string];
      return { symbol, base, quote, pricePrecision: 2 };
    });
  }

  async fetchCandles(symbol: string, _timeframe: Timeframe, { since, limit }: FetchCandlesOptions) {
    const candles = this.series(symbol);
    if (since === undefined) return candles.slice(-limit);
    return candles.filter((c) => c.time >= since).slice(0, limit);
  }

  watchCandles(symbol: string, _timeframe: Timeframe, handlers: WatchHandlers) {
    const watchers = this.watchers.get(symbol)!;
    watchers.add(handlers);
    return () => void watchers.delete(handlers);
  }

  async close() {}

  private series(symbol: string): Candle[] {
    const candles = this.candles.get(symbol);
    if (!candles) throw new Error(`ScriptedMarket has no ${symbol}`);
    return candles;
  }

  private publish(symbol: string, candle: Candle): Candle {
    for (const handlers of this.watchers.get(symbol)!) handlers.onCandle({ ...candle });
    return candle;
  }
}
