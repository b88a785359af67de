import type { Candle, Timeframe } from '../../../shared/market.ts';
import type { SourceInfo, SymbolInfo } from '../../../shared/http.ts';
import type { StreamState } from '../../../shared/protocol.ts';

export interface FetchCandlesOptions {
  /** Open time (ms) of the first candle wanted; without it, the latest `limit` candles. */
  since?: number;
  limit: number;
}

export interface FeedStatus {
  state: StreamState;
  detail?: string;
}

export interface WatchHandlers {
  /** Ascending time order; the same time again replaces the forming candle. */
  onCandle(candle: Candle): void;
  onStatus?(status: FeedStatus): void;
}

export type Unsubscribe = () => void;

/**
 * The narrow port every market adapter (replay, ccxt) implements. Adapters only fetch and watch;
 * validation, sorting and aggregation happen once above them, in MarketService.
 */
export interface MarketSource {
  readonly info: SourceInfo;
  /** Timeframes `fetchCandles` serves natively. */
  readonly fetchTimeframes: readonly Timeframe[];
  /** Timeframes `watchCandles` serves natively. */
  readonly watchTimeframes: readonly Timeframe[];
  loadSymbols(): Promise<SymbolInfo[]>;
  /** Candles in ascending order, the forming one last when the range reaches now. */
  fetchCandles(symbol: string, timeframe: Timeframe, options: FetchCandlesOptions): Promise<Candle[]>;
  watchCandles(symbol: string, timeframe: Timeframe, handlers: WatchHandlers): Unsubscribe;
  close(): Promise<void>;
}
