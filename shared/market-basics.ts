/**
 * The market's vocabulary without its schemas: the browser imports these at startup, and the
 * schemas in market.ts would bring full zod along. market.ts re-exports all of it.
 */

/** Timeframes the product supports, smallest first. */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;
export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = Object.freeze({
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': 1440 * MINUTE,
});

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
  return Math.floor(time / ms) * ms;
}

export function streamKey(symbol: string, timeframe: Timeframe): string {
  return `${symbol}@${timeframe}`;
}
