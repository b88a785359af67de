/**
 * Alerts: conditions on a stream that the server watches on every tick, whether or not a browser is
 * open, and the triggers they leave. Types, limits and wording only, no zod: the browser imports
 * this at startup (the request schemas are in alert-schemas.ts).
 */
import type { Timeframe } from './market-basics.ts';

/** Which way a value crosses its level: from below to at-or-above it, or from above to at-or-below. */
export const CROSSINGS = ['above', 'below'] as const;
export type Crossing = (typeof CROSSINGS)[number];

/** The EMAs a price can cross: the ones the chart draws. */
export const ALERT_EMA_PERIODS = [20, 50, 200] as const;
export type AlertEmaPeriod = (typeof ALERT_EMA_PERIODS)[number];

/** Most candles a move may be measured over. */
export const MAX_MOVE_BARS = 500;
/** A repeating alert fires at most once per cooldown; below a minute it would be a flood. */
export const MIN_COOLDOWN_SECONDS = 60;
export const MAX_COOLDOWN_SECONDS = 7 * 86_400;
export const MAX_ALERT_NOTE = 200;
/** Triggers `alert:list` and GET /api/alerts return, newest first. */
export const ALERT_HISTORY_LIMIT = 100;
/** Trigger ids one `alert:seen` may name. */
export const MAX_SEEN_IDS = 500;

/** The last price crosses `value`. */
export interface PriceCondition {
  kind: 'price';
  op: Crossing;
  value: number;
}

/**
 * The last price is `percent` away from the close `bars` candles before the forming one (the
 * forming candle's own move for 1): reached going up for a positive percent, going down for a
 * negative one.
 */
export interface MoveCondition {
  kind: 'move';
  percent: number;
  bars: number;
}

/** RSI 14 crosses `value`. */
export interface RsiCondition {
  kind: 'rsi';
  op: Crossing;
  value: number;
}

/** The last price crosses the EMA of `period` candles. */
export interface EmaCondition {
  kind: 'ema';
  op: Crossing;
  period: AlertEmaPeriod;
}

/** The MACD line (12, 26) crosses its signal line (9): `above` is the bullish crossing. */
export interface MacdCondition {
  kind: 'macd';
  op: Crossing;
}

export type AlertCondition = PriceCondition | MoveCondition | RsiCondition | EmaCondition | MacdCondition;
export const ALERT_KINDS = ['price', 'move', 'rsi', 'ema', 'macd'] as const satisfies ReadonlyArray<
  AlertCondition['kind']
>;

/** `active`: watched; `paused`: kept but not watched; `done`: a once-alert that has fired. */
export type AlertState = 'active' | 'paused' | 'done';

export interface Alert {
  id: string;
  symbol: string;
  timeframe: Timeframe;
  condition: AlertCondition;
  /** False: fires once, then is `done`. True: fires on every crossing, at most once per cooldown. */
  repeat: boolean;
  /** With `repeat`: the least time between two triggers. */
  cooldownSeconds: number;
  /** The user's own words, carried in notifications and webhooks. */
  note: string | null;
  state: AlertState;
  createdAt: number;
  updatedAt: number;
  lastTriggeredAt: number | null;
  triggerCount: number;
}

/** `alert:create`, POST /api/alerts. */
export interface AlertCreateRequest {
  symbol: string;
  timeframe: Timeframe;
  condition: AlertCondition;
  /** Default false: once. */
  repeat?: boolean;
  /** With `repeat`; default one candle of the timeframe, at least MIN_COOLDOWN_SECONDS. */
  cooldownSeconds?: number;
  note?: string | null;
}

/** `alert:update`, PATCH /api/alerts/:id: what changes. `active` pauses, resumes or re-arms a done alert. */
export interface AlertUpdateRequest {
  id: string;
  symbol?: string;
  timeframe?: Timeframe;
  condition?: AlertCondition;
  repeat?: boolean;
  cooldownSeconds?: number;
  note?: string | null;
  active?: boolean;
}

/** One firing of an alert, as the history keeps it. */
export interface AlertTrigger {
  id: string;
  alertId: string;
  symbol: string;
  timeframe: Timeframe;
  condition: AlertCondition;
  note: string | null;
  /** The last price when it fired (for a price level crossed between two ticks, the level). */
  price: number;
  /** The indicator's value when it fired (RSI, the move in percent, the distance to the EMA, MACD − signal). */
  value: number | null;
  time: number;
  /** Marked by the user's client (`alert:seen`); triggers that fired while nobody looked stay unseen. */
  seen: boolean;
}

/** `alert:list`, GET /api/alerts. */
export interface AlertList {
  /** Every alert but deleted ones, newest first. */
  alerts: Alert[];
  /** The latest ALERT_HISTORY_LIMIT triggers, newest first. */
  history: AlertTrigger[];
  /** Triggers not yet seen, all of them (not only those in `history`). */
  unseen: number;
}

/** Pushed as `alert:triggered` to every open tab of the user, on every instance. */
export interface AlertTriggeredEvent {
  /** The trigger's id, as in the history. */
  id: string;
  /** The alert as it is after firing (`done` for a once-alert). */
  alert: Alert;
  price: number;
  value: number | null;
  time: number;
}

/** `alert:seen` from a client: these triggers, or all of them when `ids` is absent. */
export interface AlertSeenRequest {
  ids?: string[];
}

/** Pushed as `alert:seen` to the user's tabs when any of them marks triggers seen. */
export interface AlertSeenEvent {
  ids?: string[];
  unseen: number;
}

/** The user's webhook: every trigger is POSTed there, signed with `secret` (see the README). */
export interface AlertWebhook {
  url: string;
  secret: string;
  createdAt: number;
}

/** "price crosses above 51,000.00", "RSI 14 crosses below 30", "a move of −5% within 3 candles". */
export function describeCondition(
  condition: AlertCondition,
  formatPrice: (value: number) => string = String,
): string {
  switch (condition.kind) {
    case 'price':
      return `price crosses ${condition.op} ${formatPrice(condition.value)}`;
    case 'move': {
      const sign = condition.percent > 0 ? '+' : '−';
      const within = condition.bars === 1 ? 'within the candle' : `within ${condition.bars} candles`;
      return `a move of ${sign}${Math.abs(condition.percent)}% ${within}`;
    }
    case 'rsi':
      return `RSI 14 crosses ${condition.op} ${condition.value}`;
    case 'ema':
      return `price crosses ${condition.op} EMA ${condition.period}`;
    case 'macd':
      return `MACD crosses ${condition.op} its signal`;
  }
}

/** "BTC/USDT 1m: price crosses above 51,000.00". */
export function describeAlert(
  alert: Pick<Alert, 'symbol' | 'timeframe' | 'condition'>,
  formatPrice?: (value: number) => string,
): string {
  return `${alert.symbol} ${alert.timeframe}: ${describeCondition(alert.condition, formatPrice)}`;
}
