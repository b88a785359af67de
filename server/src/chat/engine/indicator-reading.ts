import type { Analysis } from '../../../../shared/analysis.ts';
import type { ChatFigure } from '../../../../shared/chat-answer.ts';
import type { Candle } from '../../../../shared/market.ts';

/** One indicator read for a trader: a sentence and its figures. */
export interface Reading {
  text: string;
  figures: ChatFigure[];
}

export interface ReadingInput {
  analysis: Analysis;
  /** The last close, for "price is 1.2% above it". */
  close: number | undefined;
  /** Recent candles, for what a level alone cannot say (OBV's direction). */
  recent: readonly Candle[];
  pricePrecision: number;
  /** How fresh the analysis is (AnswerKit.analysisAsOf): every figure carries it. */
  asOf: number;
}

export type Reader = (input: ReadingInput, name: string) => Reading | undefined;
