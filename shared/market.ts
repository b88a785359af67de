import { z } from 'zod';
import { SYMBOL_PATTERN, TIMEFRAMES } from './market-basics.ts';

export { TIMEFRAMES, TIMEFRAME_MS, bucketStart, streamKey, type Timeframe } from './market-basics.ts';

export const TimeframeSchema = z.enum(TIMEFRAMES, {
  error: () => `timeframe must be one of ${TIMEFRAMES.join(', ')}`,
});

export const SymbolSchema = z
  .string({ error: 'symbol must be a string such as "BTC/USDT"' })
  .regex(SYMBOL_PATTERN, 'symbol must be written BASE/QUOTE, e.g. "BTC/USDT"');

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
