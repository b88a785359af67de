import type { ChatIntent, ChatRefusalKind } from '../../../../../shared/chat-answer.ts';

/** What the reply must be about. Only the fields given are checked. */
export interface ExpectedAnswer {
  intent: ChatIntent;
  /** `BTC/USDT`; for a ranking or a help text, none. */
  symbol?: string;
  /**
   * The timeframe asked for, which may be one the market does not offer (`2h`, `1M`): then the right
   * reply is to say it is not offered (`unsupported-timeframe`), and an answer on it once it is.
   */
  timeframe?: string;
  /** Indicator id as the context stores it: `rsi14`, `macd`, `ema200`. */
  indicator?: string;
  /** Look-back of a change, volume or range: `today`, `24h`, `7d`. */
  period?: string;
  compareWith?: string;
}

/** A reply that must not answer, and say why instead. */
export interface ExpectedRefusal {
  refusal: ChatRefusalKind;
  /** A word the reply must name, as the question wrote it. */
  word?: string;
}

export interface EvalCase {
  /** Questions asked first, in the same conversation: this one may follow up on them. */
  after?: readonly string[];
  ask: string;
  expect: ExpectedAnswer | ExpectedRefusal;
}

export const isRefusal = (e: EvalCase['expect']): e is ExpectedRefusal => 'refusal' in e;
