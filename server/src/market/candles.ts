import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../shared/market.ts';

export function isValidCandle(c: Candle): boolean {
  return (
    Number.isFinite(c.time) &&
    c.time >= 0 &&
    isPositive(c.open) &&
    isPositive(c.high) &&
    isPositive(c.low) &&
    isPositive(c.close) &&
    Number.isFinite(c.volume) &&
    c.volume >= 0 &&
    c.high >= Math.max(c.open, c.close, c.low) &&
    c.low <= Math.min(c.open, c.close)
  );
}

const isPositive = (price: number) => Number.isFinite(price) && price > 0;

/** Sorted by time, one candle per time (the later one wins), malformed candles dropped. */
export function normalizeCandles(candles: readonly Candle[]): Candle[] {
  const valid = candles.filter(isValidCandle);
  // What sources return is almost always in order already: then there is nothing to sort or dedupe.
  if (valid.every((c, i) => i === 0 || c.time > valid[i - 1]!.time)) return valid;
  const byTime = new Map<number, Candle>();
  for (const c of valid) byTime.set(c.time, c);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

export interface CandleGap {
  /** Open time of the last candle before the gap. */
  after: number;
  /** Open time of the first candle after the gap. */
  before: number;
  missing: number;
}

export function findGaps(candles: readonly Candle[], timeframe: Timeframe): CandleGap[] {
  const step = TIMEFRAME_MS[timeframe];
  const gaps: CandleGap[] = [];
  for (let i = 1; i < candles.length; i++) {
    const prev = candles[i - 1]!.time;
    const next = candles[i]!.time;
    if (next - prev > step) gaps.push({ after: prev, before: next, missing: (next - prev) / step - 1 });
  }
  return gaps;
}
