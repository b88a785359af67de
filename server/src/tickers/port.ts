import type { Ticker } from '../../../shared/tickers.ts';
import type { FeedStatus, Unsubscribe } from '../market/port.ts';

/** One market's rolling 24 hours as its source reports them; the service adds the sparkline. */
export type TickerQuote = Omit<Ticker, 'sparkline' | 'stale'>;

export interface TickerHandlers {
  /** New figures of some symbols, each replacing what came before. */
  onQuotes(quotes: readonly TickerQuote[]): void;
  /** How the feed of these symbols is doing: `stale` once nothing has come for a while. */
  onStatus(symbols: readonly string[], status: FeedStatus): void;
}

/**
 * The narrow port of a ticker upstream (the replay's candles, an exchange's own tickers): one feed
 * for the offered symbols, however many people watch them. Adapters only fetch; what is kept, when
 * it is pushed and to whom is decided once, above them, in TickerService.
 */
export interface TickerSource {
  watch(symbols: readonly string[], handlers: TickerHandlers): Unsubscribe;
}
