/**
 * The market's vocabulary without its schemas: the browser imports these at startup, and the
 * schemas in market.ts would bring full zod along. market.ts re-exports all of it.
 */

/** Timeframes the product supports, smallest first. */
export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '2h', '4h', '12h', '1d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = Object.freeze({
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': DAY,
  '1w': 7 * DAY,
});

/**
 * Weeks start on Monday 00:00 UTC, as on Binance and every other exchange; the Unix epoch fell on a
 * Thursday, so week buckets are counted from Monday 1970-01-05 rather than from the epoch. Every
 * shorter timeframe divides a day, so counting those from the epoch already lands on UTC midnight.
 */
const WEEK_ORIGIN = 4 * DAY;

/** Symbols are written BASE/QUOTE in upper case, as ccxt does: `BTC/USDT`. */
export const SYMBOL_PATTERN = /^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/;

export function isTimeframe(value: unknown): value is Timeframe {
  return (TIMEFRAMES as readonly unknown[]).includes(value);
}

export function isSymbol(value: unknown): value is string {
  return typeof value === 'string' && SYMBOL_PATTERN.test(value);
}

/** Start of the candle of `timeframe` that contains `time`. */
export function bucketStart(time: number, timeframe: Timeframe): number {
  const ms = TIMEFRAME_MS[timeframe];
  const origin = timeframe === '1w' ? WEEK_ORIGIN : 0;
  return Math.floor((time - origin) / ms) * ms + origin;
}

export function streamKey(symbol: string, timeframe: Timeframe): string {
  return `${symbol}@${timeframe}`;
}
