import type { ChatAssumption, ChatContext, ChatIntent } from '../../../../shared/chat-answer.ts';
import type { SymbolInfo } from '../../../../shared/http.ts';
import type { Timeframe } from '../../../../shared/market.ts';
import { findTopic, type Topic } from './glossary.ts';
import { findIndicators, isIndicatorId, type IndicatorId } from './indicator-words.ts';
import { FOLLOW_UP, TRACK_RECORD, intentFromWords } from './intent-words.ts';
import { CONTENT_WORDS, SLOT_WORDS } from './known-words.ts';
import { DEFAULT_PERIOD, findPeriod, periodMs, type PeriodCode } from './period-words.ts';
import { readCurrency, type QuoteUnsupported } from './question-currency.ts';
import { detailsOf, type QuestionDetails } from './question-details.ts';
import { findQuote } from './quote-words.ts';
import { isFiller, readWords, type UnknownWord, type WordReading } from './read-words.ts';
import { SMALLTALK_WORDS, smalltalkOf, type Smalltalk } from './smalltalk-words.ts';
import { coinWords, findSymbols } from './symbol-words.ts';
import {
  DEFAULT_TIMEFRAME,
  findTimeframe,
  offeredTimeframe,
  timeframeMs,
  type TimeframeMention,
} from './timeframe-words.ts';

/** What a question asks that the market does not offer; the reply says so instead of answering. */
export type Unsupported =
  | QuoteUnsupported
  | {
      kind: 'timeframe';
      /** As the question wrote it: `2 hour`, `weekly`. */
      words: string[];
      /** In the market's notation: `2h`, `1w`, `1M`. */
      code: string;
    };

/** A question resolved against the conversation so far: everything an answer needs to know. */
export interface ParsedQuestion extends QuestionDetails {
  intent: ChatIntent;
  symbol?: string;
  timeframe?: Timeframe;
  indicator?: IndicatorId;
  /** Every indicator named, when more than one is: "RSI and MACD of SOL". */
  indicators?: IndicatorId[];
  /** The second symbol of a comparison. */
  compareWith?: string;
  /** The look-back of a change, volume, range or ranking question (and of a comparison's change). */
  period?: PeriodCode;
  /** What an explanation is about when it is not an indicator. */
  topic?: Topic;
  /** A forecast question that asks mainly how good the forecasts have been. */
  trackRecord?: boolean;
  /** Coins or pairs named that the market does not offer. */
  unknownSymbols?: string[];
  unsupported?: Unsupported;
  /** Words not understood, with the known words they resemble. */
  unknownWords?: UnknownWord[];
  /** Known words that, together, make no question the engine knows. */
  unclear?: string[];
  /** Words read as something they resemble ("bitcon" as BTC); the answer says so. */
  assumed?: ChatAssumption[];
  /** Sentences not read, beside the one answered; the answer says so. */
  leftOut?: string[];
  smalltalk?: Smalltalk;
}

export interface MarketOffer {
  symbols: readonly SymbolInfo[];
  /** The timeframes the market offers now: a question about another one is told so. */
  timeframes: readonly Timeframe[];
}

/** Intents that read one chart; the rest either need no timeframe or pick one from their period. */
const CHART_INTENTS: ReadonlySet<ChatIntent> = new Set([
  'trend',
  'indicator',
  'overbought',
  'forecast',
  'risk',
  'levels',
  'compare',
  'candles',
]);
/** Intents that look back over a period; a timeframe they name ("in 4h") is that period. */
const PERIOD_INTENTS: ReadonlySet<ChatIntent> = new Set(['change', 'range', 'ranking']);
/** Intents that keep the conversation's period when they name none ("and ETH?"). */
const KEEPS_PERIOD: ReadonlySet<ChatIntent> = new Set(['change', 'compare', 'range', 'ranking']);
/** Intents about no one symbol: the conversation's symbol is not theirs. */
const NO_SYMBOL: ReadonlySet<ChatIntent> = new Set(['help', 'unknown', 'smalltalk', 'ranking']);
/** Intents a bare follow-up ("and ETH?") cannot continue. */
const NOT_CONTINUABLE: ReadonlySet<ChatIntent> = new Set(['help', 'unknown', 'smalltalk', 'alert']);

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The offered timeframe closest to the default, for markets that lack it. */
function defaultTimeframe(offered: readonly Timeframe[]): Timeframe {
  if (offered.includes(DEFAULT_TIMEFRAME) || offered.length === 0) return DEFAULT_TIMEFRAME;
  const gap = (tf: Timeframe) => Math.abs(Math.log(timeframeMs(tf)! / timeframeMs(DEFAULT_TIMEFRAME)!));
  return [...offered].sort((a, b) => gap(a) - gap(b))[0]!;
}

/** `1M` as a look-back is 30 days; other codes are periods already. */
function asPeriod(code: string): PeriodCode | undefined {
  const period = code.endsWith('M') ? `${Number(code.slice(0, -1)) * 30}d` : code;
  return periodMs(period, 0) > 0 ? period : undefined;
}

/** What the words name, before the conversation fills the gaps. */
interface Named {
  reading: WordReading;
  /** The lower-case question with its periods blanked out. */
  rest: string;
  period?: PeriodCode;
  found: string[];
  notOffered: string[];
  /** The words the symbols were read from. */
  symbolWords: string[];
  mention?: TimeframeMention;
  indicators: IndicatorId[];
  topic?: Topic;
}

function namedIn(text: string, market: MarketOffer): Named {
  const coins = coinWords(market.symbols);
  // Tickers and pairs as written ("XRP", "ethusdt") are known words before any slip is corrected.
  const asWritten = findSymbols(text, market.symbols);
  const reading = readWords(text, normalize(text), { coins }, new Set(asWritten.words));
  const { period, rest } = findPeriod(reading.text);
  const symbols = findSymbols(reading.original, market.symbols);
  const quote = findQuote(reading.text);
  // "ETH in BTC": BTC is the currency asked for, not a second coin.
  const baseOf = (symbol: string) => market.symbols.find((s) => s.symbol === symbol)?.base;
  const found = symbols.found.filter(
    (s) => !(quote && symbols.found.length > 1 && baseOf(s) === quote.quote),
  );
  const indicators = findIndicators(reading.text);
  return {
    reading,
    rest,
    period,
    found,
    notOffered: symbols.unknown,
    symbolWords: symbols.words,
    mention: findTimeframe(rest, reading.original),
    indicators,
    topic: indicators.length > 0 ? undefined : findTopic(reading.text),
  };
}

/**
 * The intent, and whether the question follows up on the conversation. A follow-up has follow-up
 * words ("and ETH?") or only names a coin, a timeframe, an indicator or a period ("4h?"); a word not
 * understood is never one: it may be the whole question. Known words that make no question the
 * engine knows, around a coin ("is now a good time to buy ETH"), are `unclear`: not answered with
 * the coin's price, which is not what was asked.
 */
function intentOf(named: Named, context: ChatContext | undefined) {
  const { reading, found, notOffered, mention, indicators, period } = named;
  const text = reading.text;
  const smalltalk = smalltalkOf(reading.tokens, isFiller);
  const explicit = smalltalk
    ? 'smalltalk'
    : intentFromWords({
        text,
        symbols: found.length,
        hasIndicator: indicators.length > 0,
        ...(indicators[0] ? { indicator: indicators[0] } : {}),
        hasTopic: named.topic !== undefined,
        hasPeriod: period !== undefined,
      });
  const namesSymbol = found.length + notOffered.length > 0;
  const previous = context?.intent;
  const followUp =
    reading.unknown.length === 0 &&
    previous !== undefined &&
    !NOT_CONTINUABLE.has(previous) &&
    (FOLLOW_UP.test(text) ||
      (explicit === undefined &&
        (namesSymbol || mention !== undefined || indicators.length > 0 || period !== undefined)));
  const unclear =
    explicit === undefined && !followUp && namesSymbol
      ? reading.tokens.filter(
          (t) =>
            CONTENT_WORDS.has(t) &&
            !SLOT_WORDS.has(t) &&
            !SMALLTALK_WORDS.has(t) &&
            !named.symbolWords.includes(t),
        )
      : [];
  let intent: ChatIntent;
  if (explicit) intent = explicit;
  else if (unclear.length > 0) intent = 'unknown';
  else if (followUp && previous) {
    // "what is RSI?" then "and for ETH?" wants the reading, not the explanation again; "BTC 1w"
    // after a price asks about the weekly chart; "and ETH?" after a ranking, how ETH did then.
    if (previous === 'explain' && (namesSymbol || mention)) intent = 'indicator';
    else if (previous === 'price' && mention) intent = 'trend';
    else if (previous === 'ranking' && namesSymbol) intent = 'change';
    else intent = previous;
  }
  // A coin alone asks its price; with a chart ("BTC 4h", "BTC chart"), how that chart looks.
  else if (namesSymbol) intent = mention || /\bcharts?\b/.test(text) ? 'trend' : 'price';
  else intent = 'unknown';
  return { intent, followUp, namesSymbol, unclear, smalltalk };
}

/**
 * The chart a question reads, or the period a timeframe it names stands for. A timeframe the
 * market does not offer is said to be unsupported, unless it names a span ("in 2 days").
 */
function chartOf(
  intent: ChatIntent,
  named: Named,
  market: MarketOffer,
  previous: Timeframe | undefined,
): { timeframe?: Timeframe; period?: PeriodCode; unsupported?: Unsupported } {
  const { mention } = named;
  let timeframe: Timeframe | undefined;
  let period = named.period;
  let unsupported: Unsupported | undefined;
  if (mention) {
    const chart = offeredTimeframe(mention.code, market.timeframes);
    if (PERIOD_INTENTS.has(intent) || (intent === 'volume' && mention.span))
      period ??= asPeriod(mention.code);
    else if (chart) timeframe = chart;
    // An alert is set on a stream: one the market does not offer is said so, not dropped.
    else if (!mention.span && (CHART_INTENTS.has(intent) || intent === 'volume' || intent === 'alert'))
      unsupported = { kind: 'timeframe', words: [mention.words], code: mention.code };
  }
  timeframe ??= CHART_INTENTS.has(intent) || intent === 'volume' ? previous : undefined;
  // Closes are asked of days and weeks ("what did BNB close at yesterday?"): daily candles then.
  const closes =
    intent === 'candles' &&
    /\bclos(e[sd]?|ing)\b/.test(named.reading.text) &&
    market.timeframes.includes('1d');
  if (closes) timeframe ??= '1d';
  if (CHART_INTENTS.has(intent)) timeframe ??= defaultTimeframe(market.timeframes);
  return { timeframe, period, unsupported };
}

/**
 * Reads a chat question: intent, symbol, timeframe, indicator and period, each from the words or,
 * for a real follow-up ("and ETH?", "what about on 4h?", "is it overbought?"), from the conversation.
 * A question that names its own subject starts afresh: nothing but its words decides it. Words it
 * does not know are listed, never skipped; slips of known words are corrected and listed too.
 * Defaults when neither says: the 1h chart for questions about a chart (the middle timeframe, with
 * 1,500 candles ≈ two months of history behind every indicator), a 24-hour look-back for change,
 * range and ranking questions, and no timeframe for price and change.
 */
export function parseQuestion(text: string, market: MarketOffer, context?: ChatContext): ParsedQuestion {
  const whole = parseSentence(text, market, context);
  return whole.unknownWords ? (oneClearSentence(text, market, context) ?? whole) : whole;
}

/** Asks nothing the engine could answer, nor names anything of the market. */
const saysNothing = (q: ParsedQuestion) =>
  q.intent === 'unknown' && !q.symbol && !q.unknownSymbols && !q.unsupported && !q.unclear;

/**
 * Of a question in several sentences, the one the engine understands, when the others hold words it
 * does not know and ask nothing of the market ("What is the price of BTC right now? I would like to
 * know before I decide anything"): that sentence, with the others listed as left out.
 */
function oneClearSentence(text: string, market: MarketOffer, context: ChatContext | undefined) {
  const sentences = text.split(/(?<=[.?!;])\s+|\n+/).filter((s) => s.trim() !== '');
  if (sentences.length < 2) return undefined;
  const read = sentences.map((sentence) => ({ sentence, q: parseSentence(sentence, market, context) }));
  const clear = read.filter(({ q }) => !q.unknownWords && !saysNothing(q) && q.intent !== 'smalltalk');
  const others = read.filter((r) => !clear.includes(r));
  if (clear.length !== 1 || !others.every(({ q }) => saysNothing(q) || q.intent === 'smalltalk'))
    return undefined;
  const leftOut = others.filter(({ q }) => q.unknownWords).map(({ sentence }) => sentence.trim());
  return { ...clear[0]!.q, ...(leftOut.length > 0 ? { leftOut } : {}) };
}

function parseSentence(text: string, market: MarketOffer, context?: ChatContext): ParsedQuestion {
  const named = namedIn(text, market);
  const { reading, found } = named;
  const { intent, followUp, namesSymbol, unclear, smalltalk } = intentOf(named, context);

  // The conversation's subject carries over to a follow-up, and to a question that names no coin of
  // its own ("forecast?", "and the volume?"). It comes from a stored conversation: it may name what
  // the market no longer offers.
  const carries = followUp || (!namesSymbol && !NO_SYMBOL.has(intent) && reading.unknown.length === 0);
  const offered = (symbol: string | undefined) =>
    market.symbols.some((s) => s.symbol === symbol) ? symbol : undefined;
  const previous = carries
    ? {
        symbol: offered(context?.symbol),
        compareWith: offered(context?.compareWith),
        timeframe: market.timeframes.find((tf) => tf === context?.timeframe),
        indicator: isIndicatorId(context?.indicator) ? context.indicator : undefined,
        period: context?.period,
      }
    : {};

  let symbol = found[0] ?? previous.symbol;
  let compareWith: string | undefined;
  if (intent === 'compare') {
    const [first, second] = found;
    if (second) [symbol, compareWith] = [first, second];
    // "compare it with ETH" after a BTC answer, or "and SOL?" after "compare BTC and ETH": BTC against it.
    else if (first && context?.symbol && offered(context.symbol) !== first && reading.unknown.length === 0)
      [symbol, compareWith] = [offered(context.symbol), first];
    else compareWith = previous.compareWith;
    if (compareWith === symbol) compareWith = undefined;
  }
  const currency = readCurrency({
    text,
    symbols: market.symbols,
    symbol,
    notOffered: named.notOffered,
    quote: findQuote(reading.text),
    aboutACoin: !NO_SYMBOL.has(intent),
  });
  const chart = chartOf(intent, named, market, previous.timeframe);
  const assumed = [...reading.assumed, ...currency.assumed];
  const indicator = named.indicators[0];
  const keepsIndicator = intent === 'indicator' || (intent === 'explain' && !named.topic);
  const keptPeriod = KEEPS_PERIOD.has(intent)
    ? (previous.period ?? DEFAULT_PERIOD)
    : intent === 'volume'
      ? previous.period
      : undefined;

  const parsed: ParsedQuestion = {
    intent,
    symbol: NO_SYMBOL.has(intent) && intent !== 'unknown' ? undefined : currency.symbol,
    timeframe: chart.timeframe,
    indicator: indicator ?? (keepsIndicator ? previous.indicator : undefined),
    indicators: intent === 'indicator' && named.indicators.length > 1 ? named.indicators : undefined,
    compareWith,
    period: chart.period ?? keptPeriod,
    topic: intent === 'explain' && !indicator ? named.topic : undefined,
    trackRecord: intent === 'forecast' && TRACK_RECORD.test(reading.text) ? true : undefined,
    unknownSymbols: currency.unknownSymbols.length > 0 ? currency.unknownSymbols : undefined,
    unsupported: currency.unsupported ?? chart.unsupported,
    unknownWords: reading.unknown.length > 0 ? reading.unknown : undefined,
    unclear: unclear.length > 0 ? unclear : undefined,
    assumed: assumed.length > 0 ? assumed : undefined,
    ...detailsOf(intent, reading.text, named.rest),
    smalltalk,
  };
  // "delete all my alerts" after a BTC answer means all of them, not BTC's: the answer must know.
  if (parsed.alert && parsed.symbol && !found.includes(parsed.symbol))
    parsed.alert = { ...parsed.alert, symbolCarried: true };
  for (const key of Object.keys(parsed) as Array<keyof ParsedQuestion>)
    if (parsed[key] === undefined) delete parsed[key];
  return parsed;
}
