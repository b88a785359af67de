/**
 * Tickers: each offered market's last price and its rolling 24 hours, what the watchlist, the
 * header and the chat all quote, so they agree to the digit. Types only and one merge: the browser
 * imports this at startup.
 */

export const DAY_MS = 86_400_000;

/** Hourly closes a ticker carries for its sparkline: the last day. */
export const SPARKLINE_HOURS = 24;

export interface Ticker {
  symbol: string;
  /** The last price (the replay: the forming minute's close). */
  last: number;
  /** `last` against the price exactly 24 hours earlier, in percent; rolling, whatever the timeframe shown. */
  change24hPercent: number;
  high24h: number;
  low24h: number;
  /** What traded in the last 24 hours, in the quote currency; only where the source reports it. */
  quoteVolume24h?: number;
  /**
   * Closes of the last complete hours, oldest first, at most SPARKLINE_HOURS (fewer while they are
   * loading or the history is shorter); `last` follows them.
   */
  sparkline: number[];
  /** When the source last moved these figures (ms). */
  time: number;
  /** The source has stopped answering: these are the last figures received, kept until it is back. */
  stale?: boolean;
}

/** A pushed change of one ticker: the sparkline only when it changed (a new hour), else as it was. */
export type TickerUpdate = Omit<Ticker, 'sparkline'> & { sparkline?: number[] };

/** `tickers:subscribe`: every offered symbol, or only these (the header needs one, not hundreds). */
export interface TickersSubscribeRequest {
  symbols?: string[];
}

/** The ack of `tickers:subscribe`: the current ticker of every symbol asked for that has one. */
export interface TickersSnapshot {
  tickers: Ticker[];
}

/** The `tickers` event: the tickers that changed since the last one, at most about once a second. */
export interface TickersEvent {
  tickers: TickerUpdate[];
}

/**
 * An update applied to what is known: the newer figures win (an ack may arrive after an update it
 * preceded), and an update without a sparkline keeps the one known.
 */
export function mergeTicker(known: Ticker | undefined, update: TickerUpdate): Ticker {
  if (known && known.time > update.time) return known;
  return { ...update, sparkline: update.sparkline ?? known?.sparkline ?? [] };
}
