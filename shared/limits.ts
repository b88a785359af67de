/**
 * Limits both sides enforce. They live apart from the request schemas, which use full zod, so the
 * browser can import them without pulling zod into its bundle.
 */
import { TIMEFRAME_MS, type Timeframe } from './market-basics.ts';

/** Most candles one snapshot or GET /api/candles may carry. */
export const MAX_SNAPSHOT_CANDLES = 5000;
export const DEFAULT_SNAPSHOT_CANDLES = 1500;

/** From 4h up a chart is about months and years: there a stream keeps, and a chart starts with, more. */
const DEEP_FROM_MS = 4 * 3_600_000;

/**
 * Candles a chart starts with when it asks for no number, and that its stream keeps and analyses:
 * 1,500 below 4h (a day of minutes, two months of hours); from 4h up, MAX_SNAPSHOT_CANDLES, so the
 * daily and weekly charts reach back years (the replay's to its first recorded hour, 2020-12-01).
 */
export function historyDepth(timeframe: Timeframe): number {
  return TIMEFRAME_MS[timeframe] >= DEEP_FROM_MS ? MAX_SNAPSHOT_CANDLES : DEFAULT_SNAPSHOT_CANDLES;
}

/** What a username may be, as the sign-up form and the server's error both say it. */
export const USERNAME_RULE = '3–32 characters: letters, digits, dot, dash or underscore';

/** Longest chat question, in characters. */
export const MAX_CHAT_TEXT = 1000;
