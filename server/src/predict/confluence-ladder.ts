import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market-basics.ts';

/**
 * The rungs traders step through when they check a chart against its neighbours, each four to seven
 * times the one before. Timeframes between rungs (30m, 2h, 12h) are compared with the rungs around them.
 */
const RUNGS: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d', '1w'];

/**
 * The timeframes whose trends must agree for a stream's confluence, smallest first: the rung below
 * the stream's timeframe, the timeframe itself and the rung above it (4h → 1h, 4h, 1d), or the two
 * nearest rungs on the one side there is at the ends of the ladder (1m → 1m, 5m, 15m). Only
 * timeframes the market offers take part.
 */
export function confluenceTimeframes(timeframe: Timeframe, offered: readonly Timeframe[]): Timeframe[] {
  const length = TIMEFRAME_MS[timeframe];
  const rungs = RUNGS.filter((tf) => offered.includes(tf));
  const below = rungs.filter((tf) => TIMEFRAME_MS[tf] < length);
  const above = rungs.filter((tf) => TIMEFRAME_MS[tf] > length);
  if (below.length === 0) return [timeframe, ...above.slice(0, 2)];
  if (above.length === 0) return [...below.slice(-2), timeframe];
  return [below.at(-1)!, timeframe, above[0]!];
}
