import { z } from 'zod';

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

export const TimeframeSchema = z.enum(TIMEFRAMES, {
  error: () => `timeframe must be one of ${TIMEFRAMES.join(', ')}`,
});

/** Symbols are written BASE/QUOTE in upper case, as ccxt does: `BTC/USDT`. */
export const SymbolSchema = z
  .string({ error: 'symbol must be a string such as "BTC/USDT"' })
  .regex(/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/, 'symbol must be written BASE/QUOTE, e.g. "BTC/USDT"');

/** One OHLCV candle; `time` is the candle's open time in Unix milliseconds (UTC). */
export const CandleSchema = z.object({
  time: z.number().int().nonnegative(),
  open: z.number().positive(),
  high: z.number().positive(),
  low: z.number().positive(),
  close: z.number().positive(),
  volume: z.number().nonnegative(),
});
export type Candle = z.infer<typeof CandleSchema>;

/** Start of the candle of `timeframe` that contains `time`. */
export function bucketStart(time: number, timeframe: Timeframe): number {
  const ms = TIMEFRAME_MS[timeframe];
  return Math.floor(time / ms) * ms;
}

export function streamKey(symbol: string, timeframe: Timeframe): string {
  return `${symbol}@${timeframe}`;
}
