import type { Candle } from '../../../shared/market.ts';
import { DAY_MS } from '../../../shared/tickers.ts';

export interface RollingDay {
  last: number;
  /** The price 24 hours before the last candle: what the change is measured from. */
  reference: number;
  change24hPercent: number;
  high24h: number;
  low24h: number;
}

/**
 * The last 24 hours of 1m candles (ascending, the forming one last), as the chat's price change reads
 * them too: the last close against the close of the minute exactly a day before the forming one,
 * and the range of every candle after it. A shorter history is measured from its oldest open.
 */
export function rollingDay(candles: readonly Candle[]): RollingDay | undefined {
  const last = candles.at(-1);
  if (!last) return undefined;
  let index = candles.length - 1;
  while (index >= 0 && candles[index]!.time > last.time - DAY_MS) index--;
  const reference = index >= 0 ? candles[index]!.close : candles[0]!.open;
  let high = -Infinity;
  let low = Infinity;
  for (let i = index + 1; i < candles.length; i++) {
    high = Math.max(high, candles[i]!.high);
    low = Math.min(low, candles[i]!.low);
  }
  return {
    last: last.close,
    reference,
    change24hPercent: ((last.close - reference) / reference) * 100,
    high24h: high,
    low24h: low,
  };
}
