import type { SymbolInfo } from '../../../../../shared/http.ts';
import type { Timeframe } from '../../../../../shared/market.ts';
import type { Answer } from '../answer-kit.ts';
import { describeQuestion } from '../describe-question.ts';
import type { ParsedQuestion, Unsupported } from '../parse-question.ts';
import { timeframeMs } from '../timeframe-words.ts';

/** What the engine knows of the market when it cannot answer: what to offer instead. */
export interface Offer {
  symbols: readonly SymbolInfo[];
  timeframes: readonly Timeframe[];
}

const quoted = (word: string) => `“${word}”`;
const either = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`;
const both = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
const baseOf = (offer: Offer) => (symbol: string) => offer.symbols.find((s) => s.symbol === symbol)?.base;
const unique = (xs: Array<string | undefined>) => [...new Set(xs.filter((x): x is string => !!x))];

/** The same question about other symbols: the chips of "not offered" and "which symbol?". */
function onOfferedSymbols(q: ParsedQuestion, offer: Offer): string[] {
  const asked = q.intent === 'unknown' ? { ...q, intent: 'price' as const } : q;
  return unique(
    offer.symbols.slice(0, 3).map((s) => describeQuestion({ ...asked, symbol: s.symbol }, baseOf(offer))),
  );
}

/** DOGE, XRP/USDT: coins or pairs the market does not list. */
export function answerUnknownSymbol(q: ParsedQuestion, offer: Offer): Answer {
  const unknown = q.unknownSymbols ?? [];
  return {
    text:
      `${both(unknown)} ${unknown.length > 1 ? 'are' : 'is'} not available here. ` +
      `The symbols on offer are ${both(offer.symbols.map((s) => s.symbol))}.`,
    figures: [],
    suggestions: onOfferedSymbols(q, offer),
    refusal: { kind: 'unsupported-symbol', words: unknown },
  };
}

export function answerWhichSymbol(q: ParsedQuestion, offer: Offer): Answer {
  return {
    text: `Which symbol do you mean? I have ${both(offer.symbols.map((s) => s.symbol))}.`,
    figures: [],
    suggestions: onOfferedSymbols(q, offer),
    refusal: { kind: 'no-symbol', words: [] },
  };
}

/** The offered timeframes nearest to one that is not: the next smaller and the next larger. */
function nearestTimeframes(code: string, offered: readonly Timeframe[]): Timeframe[] {
  const ms = timeframeMs(code) ?? 0;
  const below = offered.filter((tf) => timeframeMs(tf)! < ms).at(-1);
  const above = offered.find((tf) => timeframeMs(tf)! > ms);
  return [below, above].filter((tf): tf is Timeframe => tf !== undefined);
}

/** "RSI of BTC on 2h" while 2h is not offered; "price of BTC in EUR". */
export function answerUnsupported(q: ParsedQuestion & { unsupported: Unsupported }, offer: Offer): Answer {
  const { kind, words, code } = q.unsupported;
  if (kind === 'timeframe') {
    const same = words[0]?.replace(/\s+/g, '').toLowerCase() === code.toLowerCase();
    const written = words[0] && !same ? ` (${quoted(words[0])})` : '';
    const months = code.endsWith('M') ? ' (monthly)' : '';
    return {
      text:
        `The ${code}${months} timeframe${written} is not offered here, so I can't answer that on ${code}. ` +
        `Timeframes on offer: ${both(offer.timeframes)}.`,
      figures: [],
      suggestions: unique(
        nearestTimeframes(code, offer.timeframes).map((tf) =>
          describeQuestion({ ...q, timeframe: tf }, baseOf(offer)),
        ),
      ),
      refusal: { kind: 'unsupported-timeframe', words },
    };
  }
  const base = q.symbol ? baseOf(offer)(q.symbol) : undefined;
  const pairs = offer.symbols.filter((s) => s.base === base).map((s) => s.symbol);
  const quotes = unique(offer.symbols.filter((s) => s.base === base).map((s) => s.quote));
  return {
    text:
      `${base ?? 'That coin'} is not offered against ${code} here: only as ${both(pairs)}, ` +
      `so its prices are in ${both(quotes)}.`,
    figures: [],
    suggestions: unique([
      describeQuestion(q, baseOf(offer)),
      ...(base && q.intent !== 'trend' ? [`How is ${base} doing?`] : []),
    ]),
    refusal: { kind: 'unsupported-quote', words },
  };
}

/**
 * Words not understood: named, with what they may have meant, and never answered as another
 * question. `alternatives` are questions the engine can answer that come closest (the same question
 * with the word read as what it resembles, or without it).
 */
export function answerUnknownWords(q: ParsedQuestion, offer: Offer, alternatives: readonly string[]): Answer {
  const unknown = q.unknownWords ?? [];
  const words = unknown.map((u) => u.word);
  const near = unique(unknown.flatMap((u) => u.near));
  const understood = q.intent !== 'unknown' || q.symbol !== undefined;
  const dontKnow = `I don't know ${either(words.map(quoted))}`;
  if (!understood && alternatives.length === 0)
    return {
      text:
        `${dontKnow}. I answer questions about ${both(offer.symbols.map((s) => s.symbol))}: prices and moves, ` +
        'trends, indicators, overbought or oversold, volume, highs and lows, candles, forecasts, risk, ' +
        'support and resistance, comparisons and rankings. Ask “help” for examples.',
      figures: [],
      suggestions: examples(offer),
      refusal: { kind: 'not-understood', words },
    };
  const text =
    near.length > 0
      ? `${dontKnow} — did you mean ${either(near)}?`
      : alternatives.length > 0
        ? `${dontKnow}, so I won't guess what you asked. Closest I can answer: ${either(alternatives.slice(0, 2).map(quoted))}.`
        : `${dontKnow}, so I won't guess what you asked. Try “help” for what I can answer.`;
  return {
    text,
    figures: [],
    suggestions: alternatives.length > 0 ? alternatives.slice(0, 3) : examples(offer),
    refusal: { kind: understood ? 'unknown-word' : 'not-understood', words },
  };
}

/** Known words around a coin that make no question the engine knows: "is now a good time to buy ETH". */
export function answerUnclear(q: ParsedQuestion & { unclear: string[] }, offer: Offer): Answer {
  const about = q.symbol ? ` about ${q.symbol}` : '';
  return {
    text: `I'm not sure what you're asking${about} with ${both(q.unclear.map(quoted))}, so I won't guess.`,
    figures: [],
    suggestions: q.symbol
      ? unique(
          (['price', 'trend', 'forecast'] as const).map((intent) =>
            describeQuestion({ intent, symbol: q.symbol }, baseOf(offer)),
          ),
        )
      : examples(offer),
    refusal: { kind: 'not-understood', words: q.unclear },
  };
}

/** Nothing in the question was understood, and no word in it is unknown either ("is it?"). */
export function answerNotUnderstood(offer: Offer): Answer {
  return {
    text:
      'I did not catch that. I can give the price and how much it moved, the trend, any indicator ' +
      '(RSI, MACD, EMA, Bollinger, ATR, stochastic, ADX, OBV, VWAP), overbought or oversold, volume, ' +
      'highs and lows, the last candles, the forecast and its track record, risk, support and ' +
      `resistance, comparisons and rankings — for ${both(offer.symbols.map((s) => s.symbol))}. Ask “help” for examples.`,
    figures: [],
    suggestions: examples(offer),
    refusal: { kind: 'not-understood', words: [] },
  };
}

function examples(offer: Offer): string[] {
  const [a = 'BTC', b = 'ETH'] = offer.symbols.map((s) => s.base);
  return [`Price of ${a}`, `How is ${b} doing?`, 'Which coin is strongest today?'];
}
