import { DAY_MS } from '../../../../shared/tickers.ts';
import type { ChatTools } from './chat-tools.ts';
import type { PriceChange } from './price-change.ts';

/**
 * The last 24 hours exactly as the header and the watchlist show them: the symbol's ticker, with the
 * day as one candle (open: the price a day ago; high and low: the day's range; close: the last
 * price). Undefined without a ticker, and the answer reads its candles instead.
 */
export async function rollingDayChange(tools: ChatTools, symbol: string): Promise<PriceChange | undefined> {
  const ticker = await tools.ticker?.(symbol);
  if (!ticker) return undefined;
  const reference = ticker.last / (1 + ticker.change24hPercent / 100);
  const { last, high24h: high, low24h: low } = ticker;
  return {
    last: { time: ticker.time, open: reference, high, low, close: last, volume: 0 },
    reference,
    percent: ticker.change24hPercent,
    high,
    low,
    spanMs: DAY_MS,
  };
}
