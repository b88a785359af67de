import type { ChatAssumption } from '../../../../shared/chat-answer.ts';
import { CONTENT_WORDS, FILLER_WORDS } from './known-words.ts';
import { CURRENCY_WORDS } from './quote-words.ts';
import { SMALLTALK_WORDS } from './smalltalk-words.ts';
import { SWAP_COST, nearWords } from './spelling.ts';

/** The words a question may use: what each means, and whether it means anything on its own. */
export interface Lexicon {
  /** Coin words and what they stand for: `bitcoin` → `BTC`. */
  coins: ReadonlyMap<string, string>;
}

export interface UnknownWord {
  /** As the question wrote it, lower case. */
  word: string;
  /** What it may have meant, as said to the user (`BNB`, `volume`), nearest first. */
  near: string[];
}

export interface WordReading {
  /** The lower-case question with each slip replaced by the word it is read as. */
  text: string;
  /** The question as written, with the same replacements. */
  original: string;
  /** Its words, after the replacements. */
  tokens: string[];
  /** Slips of content words and coins, which the answer states ("bitcon" as BTC). */
  assumed: ChatAssumption[];
  /** Words not understood. */
  unknown: UnknownWord[];
}

/** Letters and digits, with an apostrophe inside ("what's"); any script, so no word goes unseen. */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
/** Numbers, prices, timeframes and indicators with their period: 51000, 60k, 15m, 4h, m15, ema20. */
const NUMBER_LIKE = /^(\d+[a-z]{0,7}|[mhdw]\d{1,3}|(ema|sma|ma|rsi|atr|adx)\d{1,3})$/;
/** Written in capitals in a sentence that is not: a ticker, which symbol-words.ts reads. */
const TICKER = /^[A-Z][A-Z0-9]{1,9}$/;

export const isFiller = (word: string) => FILLER_WORDS.has(word);

function isKnown(word: string, lexicon: Lexicon): boolean {
  return (
    CONTENT_WORDS.has(word) ||
    FILLER_WORDS.has(word) ||
    SMALLTALK_WORDS.has(word) ||
    CURRENCY_WORDS.has(word) ||
    lexicon.coins.has(word)
  );
}

function vocabulary(lexicon: Lexicon, purpose: 'assume' | 'suggest', word: string): string[] {
  // What a three-letter word may have meant, offered back: a coin ("bnc"), not "low" for "lol".
  if (purpose === 'suggest' && word.length === 3) return [...lexicon.coins.keys()];
  return [
    ...CONTENT_WORDS,
    ...lexicon.coins.keys(),
    ...(purpose === 'assume' ? [...SMALLTALK_WORDS, ...CURRENCY_WORDS, ...FILLER_WORDS] : []),
  ];
}

/** What a word stands for when said to the user: coins by their ticker. */
const meaning = (word: string, lexicon: Lexicon) => lexicon.coins.get(word) ?? word;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads each word of a question: known, a slip of a known word (corrected, and said so unless it is
 * filler: "teh" is read as "the" silently, "bitcon" as BTC out loud), or unknown, with the known
 * words it resembles. Numbers, timeframes and the words in `taken` (tickers and pairs the symbol
 * reader already took) are known. A slip is corrected only when one meaning is nearest.
 */
export function readWords(
  original: string,
  normalized: string,
  lexicon: Lexicon,
  taken: ReadonlySet<string>,
): WordReading {
  const shouting = !/[a-z]/.test(original);
  const tickers = new Set(
    shouting ? [] : [...original.matchAll(WORD)].map((m) => m[0]).filter((w) => TICKER.test(w)),
  );
  const replacements = new Map<string, string>();
  const assumed: ChatAssumption[] = [];
  const unknown: UnknownWord[] = [];
  for (const [word] of normalized.matchAll(WORD)) {
    if (word.length < 2 || replacements.has(word) || unknown.some((u) => u.word === word)) continue;
    if (isKnown(word, lexicon) || NUMBER_LIKE.test(word) || taken.has(word)) continue;
    // "today's", "btc's": the word itself is what counts.
    if (word.endsWith("'s") && isKnown(word.slice(0, -2), lexicon)) continue;
    if (tickers.has(word.toUpperCase())) continue;
    const near = nearWords(word, vocabulary(lexicon, 'assume', word), 'assume').filter(
      // A filler word is taken for a swap of its letters only ("teh"): "halving" is not "having".
      (n) => !FILLER_WORDS.has(n.word) || n.distance === SWAP_COST,
    );
    let nearest = near.filter((n) => n.distance === near[0]?.distance);
    // "teh" is as near "the" as ETH; the grammar word is the likelier slip, and costs nothing if wrong.
    if (nearest.length > 1 && nearest.filter((n) => FILLER_WORDS.has(n.word)).length === 1)
      nearest = nearest.filter((n) => FILLER_WORDS.has(n.word));
    const meanings = [...new Set(nearest.map((n) => meaning(n.word, lexicon)))];
    if (meanings.length === 1) {
      const fix = nearest[0]!.word;
      replacements.set(word, fix);
      if (!FILLER_WORDS.has(fix)) assumed.push({ word, as: meanings[0]! });
      continue;
    }
    const similar = nearWords(word, vocabulary(lexicon, 'suggest', word), 'suggest');
    unknown.push({ word, near: [...new Set(similar.map((n) => meaning(n.word, lexicon)))].slice(0, 3) });
  }

  let text = normalized;
  let fixed = original;
  for (const [word, fix] of replacements) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, 'giu');
    text = text.replace(re, fix);
    fixed = fixed.replace(re, fix);
  }
  return { text, original: fixed, tokens: [...text.matchAll(WORD)].map((m) => m[0]), assumed, unknown };
}
