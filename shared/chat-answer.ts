import type { Timeframe } from './market.ts';

/** What a chat question asks for. */
export const CHAT_INTENTS = [
  'price',
  'change',
  'trend',
  'indicator',
  'forecast',
  'risk',
  'compare',
  'levels',
  'explain',
  'help',
  'unknown',
] as const;
export type ChatIntent = (typeof CHAT_INTENTS)[number];

/** What the conversation is about so far: a follow-up ("and ETH?", "on 1h?") fills its gaps from it. */
export interface ChatContext {
  intent?: ChatIntent;
  symbol?: string;
  timeframe?: Timeframe;
  /** Indicator id such as `rsi14`, `macd`, `ema50`, `bollinger`. */
  indicator?: string;
  /** The second symbol of a comparison. */
  compareWith?: string;
  /** Look-back of a change question: `today` (since 00:00 UTC) or a span such as `4h`, `24h`, `7d`. */
  period?: string;
}

/** One figure of an answer, with the time of the data it comes from. */
export interface ChatFigure {
  label: string;
  /** Formatted for display, e.g. "64,210.50" or "61.2". */
  value: string;
  /** The number itself, when there is one. */
  raw?: number;
  /** Time of the data (candle open time or computation time, ms). */
  asOf: number;
  /** How the UI tints it. */
  tone?: 'up' | 'down' | 'neutral';
}

/** The structured part of an assistant message, rendered by the UI as a card. */
export interface ChatPayload {
  intent: ChatIntent;
  symbol?: string;
  timeframe?: Timeframe;
  figures: ChatFigure[];
  /** Recent closes for a mini chart. */
  sparkline?: { symbol: string; timeframe: Timeframe; points: Array<{ time: number; close: number }> };
  /** A button that opens this chart. */
  chart?: { symbol: string; timeframe: Timeframe };
  /** Questions the user may ask next. */
  suggestions?: string[];
  /** The conversation's context after this answer. */
  context: ChatContext;
  /** Who phrased the text: the built-in engine, or an LLM from the same figures. */
  phrasedBy: 'engine' | 'llm';
  /**
   * Present when the market data behind the figures had stopped updating (an exchange outage): when
   * it last did (ms). The text says so too, and no figure's `asOf` is later.
   */
  staleSince?: number;
}
