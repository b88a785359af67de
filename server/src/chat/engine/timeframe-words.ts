import type { Timeframe } from '../../../../shared/market.ts';
import { TIMEFRAME_MS } from '../../../../shared/market.ts';

/**
 * A chart timeframe as a question names it, offered or not: `code` in the market's notation (`15m`,
 * `2h`, `1w`; `M` for months), `words` as written ("2 hour", "weekly").
 */
export interface TimeframeMention {
  code: string;
  words: string;
  /**
   * Named as a span of time rather than a chart: "in 4h", "next 2 days", "for 3 hours". A change
   * question takes it as its period; a chart question only when the market has such a chart.
   */
  span?: boolean;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  eight: 8,
  ten: 10,
  twelve: 12,
  fifteen: 15,
  thirty: 30,
};
/** Digits may touch the unit ("4h"); a number word may not ("and" is not "an" + "d"). */
const NUMBER = `(\\d{1,3}(?=[\\s-]*[a-z])|(?:${Object.keys(NUMBER_WORDS).join('|')})(?=[\\s-]+))`;
const UNIT =
  '(minutes?|mins?|m|hours?|hourly|hrs?|hr|h|days?|daily|d|weeks?|weekly|wks?|w|months?|monthly|mos?)';
const SPAN_BEFORE = /\b(in|within|next|for|for the next|in the next)\s*$/;
/** Periods of indicators: "the 200-day moving average" is the 200 SMA of the daily chart. */
const INDICATOR_AFTER = /^[\s-]*(moving averages?|mas?|smas?|emas?|rsi|atr|adx)\b/;
/** Only days: "the 200-day moving average" is said; "a 10-minute RSI" is a 10-minute chart. */
const INDICATOR_PERIOD_UNIT = 'd';

function unitCode(unit: string): string {
  if (/^(mo|month)/.test(unit)) return 'M';
  if (/^m/.test(unit)) return 'm';
  if (/^h/.test(unit)) return 'h';
  if (/^d/.test(unit)) return 'd';
  return 'w';
}

/** `60m` is `1h`, `24h` is `1d`, `7d` is `1w`: the name the market would give the same candles. */
function canonical(n: number, unit: string): string {
  if (unit === 'm' && n % 60 === 0) return canonical(n / 60, 'h');
  if (unit === 'h' && n % 24 === 0) return canonical(n / 24, 'd');
  if (unit === 'd' && n % 7 === 0) return canonical(n / 7, 'w');
  return `${n}${unit}`;
}

const WORDS: ReadonlyArray<[string, RegExp]> = [
  ['1m', /\bminute (chart|candles?)\b|\bon the minute\b/],
  ['15m', /\bquarter[\s-]hour(ly)?\b/],
  ['30m', /\bhalf[\s-]hour(ly)?\b/],
  ['1h', /\bhourly\b/],
  ['1d', /\bdaily\b|\bday (chart|candles?|timeframe)\b/],
  ['1w', /\bweekly\b|\bweek (chart|candles?|timeframe)\b/],
  ['1M', /\bmonthly\b|\bmonth (chart|candles?|timeframe)\b/],
];

/**
 * The chart timeframe a (lower-case) question names first, offered or not; undefined if none.
 * `original` keeps the case that tells `1M` (a month) from `1m`.
 */
export function findTimeframe(text: string, original = text): TimeframeMention | undefined {
  const found: Array<TimeframeMention & { at: number }> = [];
  for (const m of text.matchAll(new RegExp(`\\b${NUMBER}[\\s-]*${UNIT}\\b`, 'g'))) {
    const n = NUMBER_WORDS[m[1]!] ?? Number(m[1]);
    if (n === 0) continue;
    let unit = unitCode(m[2]!);
    if (unit === 'm' && new RegExp(`\\b${m[1]}\\s?M\\b`).test(original)) unit = 'M';
    const indicatorPeriod =
      unit === INDICATOR_PERIOD_UNIT && n > 1 && INDICATOR_AFTER.test(text.slice(m.index + m[0].length));
    const span = SPAN_BEFORE.test(text.slice(0, m.index));
    found.push({
      code: indicatorPeriod ? `1${unit}` : canonical(n, unit),
      words: m[0],
      at: m.index,
      ...(span ? { span } : {}),
    });
  }
  for (const m of text.matchAll(/\b([mhdw])(\d{1,3})\b/g))
    found.push({ code: canonical(Number(m[2]), m[1]!), words: m[0], at: m.index });
  for (const [code, re] of WORDS) {
    const m = re.exec(text);
    if (m) found.push({ code, words: m[0], at: m.index });
  }
  const first = found.sort((a, b) => a.at - b.at)[0];
  if (!first) return undefined;
  const { at: _at, ...mention } = first;
  return mention;
}

/** The offered timeframe a mention names, or undefined when the market does not offer it. */
export function offeredTimeframe(code: string, offered: readonly Timeframe[]): Timeframe | undefined {
  return offered.find((tf) => tf === code);
}

/** A timeframe's length; months are taken as 30 days, for finding the nearest offered ones. */
export function timeframeMs(code: string): number | undefined {
  const known = (TIMEFRAME_MS as Readonly<Record<string, number>>)[code];
  if (known !== undefined) return known;
  const m = /^(\d+)([mhdwM])$/.exec(code);
  if (!m) return undefined;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_592_000_000 }[m[2]!]!;
  return Number(m[1]) * unit;
}

/** Defaults when neither the question nor the conversation names a timeframe. */
export const DEFAULT_TIMEFRAME: Timeframe = '1h';
