import type { ChatIntent } from '../../../../shared/chat-answer.ts';
import { parseAlert, type AlertRequest } from './alert-words.ts';
import { OVERBOUGHT } from './intent-words.ts';
import { parseRanking, type RankingRequest } from './ranking-words.ts';

/** What some intents need beyond a symbol and a timeframe, read from the question's words. */
export interface QuestionDetails {
  /** Which side an overbought question asks about. */
  overbought?: 'overbought' | 'oversold' | 'either';
  /** The figures of a range question, in the order asked: "high", "low", "open". */
  rangeFields?: Array<'high' | 'low' | 'open'>;
  /** How many candles a candles question asks for. */
  count?: number;
  ranking?: RankingRequest;
  alert?: AlertRequest;
}

/** A table a chat card can show without scrolling for ever. */
const MAX_CANDLES = 20;
const DEFAULT_CANDLES = 5;

function candleCount(text: string): number {
  // "the previous candle": the last closed one, shown with the forming one after it.
  if (/\b(last|previous|latest|current) (candle|bar)\b/.test(text)) return 2;
  const words: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, twenty: 20 };
  const m = /\b(\d{1,3}|two|three|four|five|six|ten|twenty)\s+(?:[\w-]+\s+)?(candles?|bars?|klines?)\b/.exec(
    text,
  );
  const n = m ? (words[m[1]!] ?? Number(m[1])) : DEFAULT_CANDLES;
  return Math.max(1, Math.min(n, MAX_CANDLES));
}

function rangeFields(text: string): Array<'high' | 'low' | 'open'> {
  const fields: Array<{ field: 'high' | 'low' | 'open'; at: number }> = [];
  for (const [field, re] of [
    ['high', /\b(highs?|highest|peak)\b/],
    ['low', /\b(lows?|lowest)\b/],
    ['open', /\b(open|opening|opened)\b/],
  ] as const) {
    const at = text.search(re);
    if (at >= 0) fields.push({ field, at });
  }
  return fields.sort((a, b) => a.at - b.at).map((f) => f.field);
}

function overboughtSide(text: string): 'overbought' | 'oversold' | 'either' {
  const over = OVERBOUGHT.test(text.replace(/\boversold\b/g, ''));
  const under = /\boversold\b/.test(text);
  return over && under ? 'either' : under ? 'oversold' : 'overbought';
}

/**
 * The details the intent needs, from the (lower-case) question; `rest` is the question with its
 * periods and timeframes blanked out, so "drops 5% in 4h" reads 5% as the alert's move.
 */
export function detailsOf(intent: ChatIntent, text: string, rest: string): QuestionDetails {
  switch (intent) {
    case 'overbought':
      return { overbought: overboughtSide(text) };
    case 'range':
      return { rangeFields: rangeFields(text) };
    case 'candles':
      return { count: candleCount(text) };
    case 'ranking':
      return { ranking: parseRanking(text) };
    case 'alert':
      return { alert: parseAlert(rest, text) };
    default:
      return {};
  }
}
