import type { Timeframe } from '../../../../shared/market.ts';

const MIN = '(m|mins?|minutes?|minute chart)';
const HOUR = '(h|hrs?|hours?|hourly)';

/** How traders name each chart timeframe: "15m", "15 min", "fifteen minutes", "m15", "hourly", "daily". */
const WORDS: ReadonlyArray<[Timeframe, RegExp]> = [
  ['15m', new RegExp(`\\b(15|fifteen)[\\s-]*${MIN}\\b|\\bm15\\b|\\bquarter[\\s-]hour(ly)?\\b`)],
  ['5m', new RegExp(`\\b(5|five)[\\s-]*${MIN}\\b|\\bm5\\b`)],
  ['1m', new RegExp(`\\b(1|one)[\\s-]*${MIN}\\b|\\bm1\\b|\\bminute (chart|candles?)\\b|\\bon the minute\\b`)],
  ['4h', new RegExp(`\\b(4|four)[\\s-]*${HOUR}\\b|\\bh4\\b|\\b240[\\s-]*(m|min)\\b`)],
  [
    '1h',
    new RegExp(`\\b(1|one|an)[\\s-]*${HOUR}\\b|\\bh1\\b|\\bhourly\\b|\\b60[\\s-]*(m|mins?|minutes?)\\b`),
  ],
  ['1d', /\b(1|one)[\s-]*(d|day)\b|\bd1\b|\bdaily\b|\bday (chart|candles?|timeframe)\b/],
];

/** The chart timeframe a question names, the one mentioned first; undefined if none. */
export function findTimeframe(text: string): Timeframe | undefined {
  let best: { timeframe: Timeframe; at: number } | undefined;
  for (const [timeframe, re] of WORDS) {
    const at = text.search(re);
    if (at >= 0 && (best === undefined || at < best.at)) best = { timeframe, at };
  }
  return best?.timeframe;
}

/** Defaults when neither the question nor the conversation names a timeframe. */
export const DEFAULT_TIMEFRAME: Timeframe = '1h';
