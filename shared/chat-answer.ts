import type { Timeframe } from './market.ts';

/** What a chat question asks for. */
export const CHAT_INTENTS = [
  'price',
  'change',
  'trend',
  'indicator',
  /** "Is BTC overbought?": answered yes or no, from the oscillators. */
  'overbought',
  'volume',
  /** High, low and open of a period: "BTC high today". */
  'range',
  /** The last few candles as a table. */
  'candles',
  /** Every offered symbol ranked: "which coin is strongest?". */
  'ranking',
  'forecast',
  'risk',
  'compare',
  'levels',
  'alert',
  'explain',
  'help',
  /** Greetings and thanks, answered briefly. */
  'smalltalk',
  'unknown',
] as const;
export type ChatIntent = (typeof CHAT_INTENTS)[number];

/**
 * Why a reply does not answer the question as asked: a word not understood, or something the market
 * does not offer (a coin, a quote currency, a timeframe), or no symbol to answer about.
 */
export const CHAT_REFUSALS = [
  'unknown-word',
  'unsupported-symbol',
  'unsupported-quote',
  'unsupported-timeframe',
  'no-symbol',
  'not-understood',
] as const;
export type ChatRefusalKind = (typeof CHAT_REFUSALS)[number];

export interface ChatRefusal {
  kind: ChatRefusalKind;
  /** What it is about, as the question wrote it: `bitcon`, `DOGE`, `EUR`, `2h`. */
  words: string[];
}

/** A word read as something it resembles, which the answer states: `bitcon` read as `BTC`. */
export interface ChatAssumption {
  word: string;
  as: string;
}

/** A small table, e.g. the last candles; every row carries its own time. */
export interface ChatTable {
  columns: string[];
  rows: string[][];
}

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
  /** A table of the figures, for answers that are one (the last candles, a ranking). */
  table?: ChatTable;
  /** Questions the user may ask next; after a refusal, the closest questions that can be answered. */
  suggestions?: string[];
  /** Present when the reply does not answer the question as asked, and why. */
  refusal?: ChatRefusal;
  /** Words the answer read as something else; its text says so. */
  assumed?: ChatAssumption[];
  /**
   * Sentences of the question it did not read, beside the one it answered ("I would like to know
   * before I decide anything"); its text says so.
   */
  leftOut?: string[];
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
