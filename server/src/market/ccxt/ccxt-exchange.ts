/** [open time ms, open, high, low, close, volume]; ccxt leaves a field undefined when the exchange does. */
export type OHLCV = [
  number,
  number | undefined,
  number | undefined,
  number | undefined,
  number | undefined,
  number | undefined,
];

export interface CcxtMarket {
  symbol: string;
  base: string;
  quote: string;
  spot?: boolean;
  active?: boolean;
  precision?: { price?: number };
}

/** ccxt's unified ticker, the fields read of it; `percentage` is the exchange's rolling 24-hour change. */
export interface CcxtTicker {
  symbol: string;
  timestamp?: number;
  last?: number;
  open?: number;
  high?: number;
  low?: number;
  percentage?: number;
  quoteVolume?: number;
}

/**
 * The few ccxt methods the adapter uses, declared here so tests can hand it a fake client and
 * nothing else of ccxt leaks into the code.
 */
export interface CcxtExchange {
  readonly id: string;
  /** Minimum ms between two requests, as the exchange asks. */
  readonly rateLimit: number;
  /** ccxt's TICK_SIZE (4) or DECIMAL_PLACES (2): what `precision.price` means. */
  readonly precisionMode: number;
  readonly timeframes: Record<string, unknown> | undefined;
  readonly has: Record<string, boolean | string | undefined>;
  loadMarkets(): Promise<Record<string, CcxtMarket>>;
  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<OHLCV[]>;
  watchOHLCV?(symbol: string, timeframe: string, since?: number, limit?: number): Promise<OHLCV[]>;
  unWatchOHLCV?(symbol: string, timeframe: string): Promise<unknown>;
  /** Every symbol's ticker in one request (all the exchange's markets when `symbols` is absent). */
  fetchTickers?(symbols?: string[]): Promise<Record<string, CcxtTicker>>;
  /** Resolves with the tickers that changed since the last call. */
  watchTickers?(symbols?: string[]): Promise<Record<string, CcxtTicker>>;
  unWatchTickers?(symbols?: string[]): Promise<unknown>;
  /** Needed once before ccxt will open a plain ws:// URL, such as a local exchange's. */
  loadHttpProxyAgent?(): Promise<unknown>;
  close(): Promise<unknown>;
}
