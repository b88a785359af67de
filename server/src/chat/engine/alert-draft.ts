import {
  ALERT_EMA_PERIODS,
  MAX_MOVE_BARS,
  type AlertCondition,
  type AlertEmaPeriod,
} from '../../../../shared/alerts.ts';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/market.ts';
import type { AlertRequest } from './alert-words.ts';
import type { IndicatorId } from './indicator-words.ts';
import { DEFAULT_TIMEFRAME } from './timeframe-words.ts';

/** "crosses" without a side: which side is read from the live value when the alert is set. */
type Op = 'above' | 'below' | 'cross';
type WithOp<C> = C extends { op: unknown } ? Omit<C, 'op'> & { op: Op } : C;
export type DraftCondition = WithOp<AlertCondition>;

/** An alert the question fully describes, but for the side of a "crosses", read from live data. */
export interface AlertDraft {
  symbol: string;
  timeframe: Timeframe;
  /** Said in the answer: `named` in the question, the `default`, or picked to fit a move's `window`. */
  timeframeFrom: 'named' | 'default' | 'window';
  condition: DraftCondition;
  repeat: boolean;
}

/** What the question leaves out, which the answer asks for instead of guessing. */
export type AlertGap =
  /** `note`: why the conversation's coin was not taken, said first. */
  | { missing: 'symbol'; note?: string }
  | { missing: 'level'; kind: 'price' | 'rsi' }
  | { missing: 'ema-period' }
  | { missing: 'supported-indicator'; indicator: IndicatorId }
  | { missing: 'window'; windowMs: number };

export const isGap = (d: AlertDraft | AlertGap): d is AlertGap => 'missing' in d;

/** A move with no window said: the rolling 24 hours the watchlist's change is, on hourly candles. */
export const DEFAULT_MOVE = { timeframe: '1h' as Timeframe, bars: 24 };
/** A move's window is cut into at most this many candles, the finest offered timeframe that fits. */
const MOVE_BARS_PREFERRED = 60;

/** The finest offered timeframe that cuts `windowMs` into whole candles, preferably not too many. */
function moveTimeframe(windowMs: number, offered: readonly Timeframe[]) {
  const fits = [...offered]
    .sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b])
    .map((timeframe) => ({ timeframe, bars: windowMs / TIMEFRAME_MS[timeframe] }))
    .filter((f) => Number.isInteger(f.bars) && f.bars >= 1 && f.bars <= MAX_MOVE_BARS);
  return fits.find((f) => f.bars <= MOVE_BARS_PREFERRED) ?? fits.at(-1);
}

/** A price alert reads every tick whatever the stream: the finest offered one, 1m on the replay. */
const priceTimeframe = (offered: readonly Timeframe[]): Timeframe =>
  offered.includes('1m') ? '1m' : ([...offered].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b])[0] ?? '1m');

/**
 * The alert a question asks for: a price crossing (1m unless a timeframe is named), RSI 14, an EMA
 * 20/50/200 or MACD crossing (on the chat's default chart, 1h, unless named: the RSI an alert
 * watches is the one "RSI of BTC" answers with), or a move in percent over a window. Whatever the
 * question does not say, and no default stands for, is a gap to ask about.
 */
export function draftAlert(
  q: { symbol?: string; timeframe?: Timeframe; indicator?: IndicatorId; alert?: AlertRequest },
  offered: readonly Timeframe[],
): AlertDraft | AlertGap {
  const request = q.alert ?? { action: 'create' };
  if (!q.symbol) return { missing: 'symbol' };
  const base = { symbol: q.symbol, repeat: request.repeat === true };
  const named = q.timeframe ? { timeframe: q.timeframe, timeframeFrom: 'named' as const } : undefined;
  const op: Op = request.direction ?? 'cross';

  if (request.percent !== undefined) {
    if (request.windowMs !== undefined) {
      const fit = moveTimeframe(request.windowMs, offered);
      if (!fit) return { missing: 'window', windowMs: request.windowMs };
      const condition = { kind: 'move' as const, percent: request.percent, bars: fit.bars };
      return { ...base, timeframe: fit.timeframe, timeframeFrom: 'window', condition };
    }
    // "drops 5% on 15m": within one candle of the chart named.
    if (named) return { ...base, ...named, condition: { kind: 'move', percent: request.percent, bars: 1 } };
    const condition = { kind: 'move' as const, percent: request.percent, bars: DEFAULT_MOVE.bars };
    return { ...base, timeframe: DEFAULT_MOVE.timeframe, timeframeFrom: 'default', condition };
  }

  const chart = named ?? { timeframe: DEFAULT_TIMEFRAME, timeframeFrom: 'default' as const };
  const indicator = q.indicator;
  if (indicator === 'rsi14') {
    if (request.level === undefined) return { missing: 'level', kind: 'rsi' };
    return { ...base, ...chart, condition: { kind: 'rsi', op, value: request.level } };
  }
  if (indicator === 'ema') return { missing: 'ema-period' };
  if (indicator?.startsWith('ema')) {
    const period = Number(indicator.slice(3)) as AlertEmaPeriod;
    if (!ALERT_EMA_PERIODS.includes(period)) return { missing: 'supported-indicator', indicator };
    return { ...base, ...chart, condition: { kind: 'ema', op, period } };
  }
  if (indicator === 'macd') return { ...base, ...chart, condition: { kind: 'macd', op } };
  if (indicator) return { missing: 'supported-indicator', indicator };

  if (request.level === undefined) return { missing: 'level', kind: 'price' };
  const price = named ?? { timeframe: priceTimeframe(offered), timeframeFrom: 'default' as const };
  return { ...base, ...price, condition: { kind: 'price', op, value: request.level } };
}
