/**
 * Look-back periods of "how much did it move" questions, as codes: `today` (since 00:00 UTC) or a
 * rolling span such as `30m`, `4h`, `24h`, `7d`.
 */
export type PeriodCode = string;

export const DEFAULT_PERIOD: PeriodCode = '24h';

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const MAX_PERIOD_MS = 365 * UNIT_MS.d!;

const NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  ten: 10,
  twelve: 12,
  fifteen: 15,
  thirty: 30,
  'twenty four': 24,
  'twenty-four': 24,
};
const NUMBER = `(\\d{1,3}|${Object.keys(NUMBERS).join('|')})`;
const UNIT = '(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)';

function unitOf(word: string): string {
  if (/^(m|min)/.test(word)) return 'm';
  if (/^h/.test(word)) return 'h';
  if (/^d/.test(word)) return 'd';
  return 'w';
}

function code(amount: string, unitWord: string): PeriodCode {
  const n = NUMBERS[amount] ?? Number(amount);
  const unit = unitOf(unitWord);
  // A day is asked for as "24h" as often as "1d"; one spelling keeps follow-ups comparable.
  if (unit === 'd' && n === 1) return '24h';
  if (unit === 'w') return `${n * 7}d`;
  return `${n}${unit}`;
}

/** Each pattern gives the period it names; the first that matches wins. */
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => PeriodCode]> = [
  [
    /\b(today|so far today|since (midnight|00:00|the daily open)|intraday|heute|hoy|oggi|hoje|aujourd'hui)\b/,
    () => 'today',
  ],
  [new RegExp(`\\b(last|past|previous)\\s+${NUMBER}[\\s-]*${UNIT}\\b`), (m) => code(m[2]!, m[3]!)],
  [
    new RegExp(
      `\\b${NUMBER}[\\s-]*${UNIT}\\s+(change|move|moves|performance|gain|loss|return|range|high|low|highs|lows|open|volume|vol)\\b`,
    ),
    (m) => code(m[1]!, m[2]!),
  ],
  [/\b(the\s+)?(last|past|previous)\s+(hour)\b/, () => '1h'],
  [
    /\b(this|last|past|the)\s+week\b|\bweekly\s+(change|move|performance|gain|loss|return)\b|\bweek over week\b/,
    () => '7d',
  ],
  [/\b(this|last|past|the)\s+month\b|\bmonthly\s+(change|move|performance|gain|loss|return)\b/, () => '30d'],
  [
    /\b24\s*(h|hrs?|hours?)\b|\b(the\s+)?(last|past|previous)\s+day\b|\bdaily\s+(change|move|performance|gain|loss|return)\b|\b(since\s+)?yesterday\b|\bovernight\b/,
    () => '24h',
  ],
];

export interface PeriodMatch {
  period?: PeriodCode;
  /** The text with the period blanked out, so "last 4 hours" is not also read as the 4h timeframe. */
  rest: string;
}

export function findPeriod(text: string): PeriodMatch {
  for (const [re, toCode] of PATTERNS) {
    const m = text.match(re);
    if (!m || m.index === undefined) continue;
    const period = toCode(m);
    const ms = periodMs(period, 0);
    if (period !== 'today' && (ms <= 0 || ms > MAX_PERIOD_MS)) continue;
    const rest = text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length);
    return { period, rest };
  }
  return { rest: text };
}

/** Length of the period ending at `now`, in ms. */
export function periodMs(period: PeriodCode, now: number): number {
  if (period === 'today') return now % UNIT_MS.d!;
  const m = /^(\d+)([mhdw])$/.exec(period);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : 0;
}

/** The period as an adverbial: "over the last 24 hours", "today (since 00:00 UTC)". */
export function periodLabel(period: PeriodCode): string {
  if (period === 'today') return 'today (since 00:00 UTC)';
  const m = /^(\d+)([mhdw])$/.exec(period);
  if (!m) return period;
  const n = Number(m[1]);
  const unit = { m: 'minute', h: 'hour', d: 'day', w: 'week' }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return n === 1 ? `over the last ${unit}` : `over the last ${n} ${unit}s`;
}
