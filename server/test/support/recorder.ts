import type { Candle, Timeframe } from '../../../shared/market.ts';
import type { FeedStatus, MarketSource } from '../../src/market/port.ts';

/** Watches one stream of a source and keeps everything it says. */
export function record(source: MarketSource, symbol: string, timeframe: Timeframe) {
  const candles: Candle[] = [];
  const statuses: FeedStatus[] = [];
  const stop = source.watchCandles(symbol, timeframe, {
    onCandle: (c) => candles.push(c),
    onStatus: (s) => statuses.push(s),
  });
  return {
    candles,
    statuses,
    stop,
    get state() {
      return statuses.at(-1)?.state ?? 'live';
    },
    /** The latest version of each candle, by time. */
    series(): Candle[] {
      const byTime = new Map<number, Candle>();
      for (const c of candles) byTime.set(c.time, c);
      return [...byTime.values()].sort((a, b) => a.time - b.time);
    },
  };
}
