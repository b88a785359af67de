import type { ChatContext, ChatIntent } from '../../../../shared/chat-answer.ts';
import type { SymbolInfo } from '../../../../shared/http.ts';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/market.ts';
import { findTopic, type Topic } from './glossary.ts';
import { findIndicator, isIndicatorId, type IndicatorId } from './indicator-words.ts';
import { FOLLOW_UP, TRACK_RECORD, intentFromWords } from './intent-words.ts';
import { DEFAULT_PERIOD, findPeriod, type PeriodCode } from './period-words.ts';
import { findSymbols } from './symbol-words.ts';
import { DEFAULT_TIMEFRAME, findTimeframe } from './timeframe-words.ts';

/** A question resolved against the conversation so far: everything an answer needs to know. */
export interface ParsedQuestion {
  intent: ChatIntent;
  symbol?: string;
  timeframe?: Timeframe;
  indicator?: IndicatorId;
  /** The second symbol of a comparison. */
  compareWith?: string;
  /** The look-back of a change question (and of a comparison's change column). */
  period?: PeriodCode;
  /** What an explanation is about when it is not an indicator. */
  topic?: Topic;
  /** A forecast question that asks mainly how good the forecasts have been. */
  trackRecord?: boolean;
  /** Coins or pairs named that the market does not offer. */
  unknownSymbols?: string[];
}

/** Intents that read one chart; the rest either need no timeframe or pick one from their period. */
const CHART_INTENTS: ReadonlySet<ChatIntent> = new Set([
  'trend',
  'indicator',
  'forecast',
  'risk',
  'levels',
  'compare',
]);
/** Intents a bare follow-up ("and ETH?") cannot continue. */
const NOT_CONTINUABLE: ReadonlySet<ChatIntent> = new Set(['help', 'unknown']);

function normalize(text: string): string {
  return text.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

function intentOf(
  words: Parameters<typeof intentFromWords>[0],
  named: { symbol: boolean; timeframe: boolean; indicator: boolean },
  context: ChatContext | undefined,
): ChatIntent {
  const explicit = intentFromWords(words);
  if (explicit) return explicit;
  const previous = context?.intent;
  const continues = named.symbol || named.timeframe || named.indicator || FOLLOW_UP.test(words.text);
  if (previous && !NOT_CONTINUABLE.has(previous) && continues) {
    // "what is RSI?" then "and for ETH?" or "on 4h?" wants the reading, not the explanation again.
    return previous === 'explain' && (named.symbol || named.timeframe) ? 'indicator' : previous;
  }
  return named.symbol ? 'price' : 'unknown';
}

/**
 * Reads a chat question: intent, symbol, timeframe, indicator and period, each from the words or,
 * for a follow-up, from the conversation's context. Defaults when neither says: the 1h chart for
 * questions about a chart (the middle timeframe, with 1,500 candles ≈ two months of history behind
 * every indicator), a 24-hour look-back for change questions, and no timeframe for price and change,
 * which pick their own candles from the period.
 */
export function parseQuestion(
  text: string,
  market: { symbols: SymbolInfo[] },
  context?: ChatContext,
): ParsedQuestion {
  const normalized = normalize(text);
  const { period, rest } = findPeriod(normalized);
  const { found, unknown } = findSymbols(text, market.symbols);
  const timeframe = findTimeframe(rest);
  const indicator = findIndicator(normalized);
  const topic = indicator ? undefined : findTopic(normalized);

  const intent = intentOf(
    {
      text: normalized,
      symbols: found.length,
      hasIndicator: indicator !== undefined,
      hasTopic: topic !== undefined,
      hasPeriod: period !== undefined,
    },
    {
      symbol: found.length + unknown.length > 0,
      timeframe: timeframe !== undefined,
      indicator: indicator !== undefined,
    },
    context,
  );

  // The context comes from a stored conversation: it may name what the market no longer offers.
  const offered = (symbol: string | undefined) =>
    market.symbols.some((s) => s.symbol === symbol) ? symbol : undefined;
  const previous = {
    symbol: offered(context?.symbol),
    compareWith: offered(context?.compareWith),
    timeframe: TIMEFRAMES.find((tf) => tf === context?.timeframe),
    indicator: isIndicatorId(context?.indicator) ? context.indicator : undefined,
  };

  let symbol = found[0] ?? previous.symbol;
  let compareWith: string | undefined;
  if (intent === 'compare') {
    const [first, second] = found;
    if (second) [symbol, compareWith] = [first, second];
    // "compare with ETH" after a BTC answer, or "and SOL?" after "compare BTC and ETH": BTC against it.
    else if (first && previous.symbol && previous.symbol !== first)
      [symbol, compareWith] = [previous.symbol, first];
    else compareWith = previous.compareWith;
    if (compareWith === symbol) compareWith = undefined;
  }
  const chartDefault = CHART_INTENTS.has(intent) ? DEFAULT_TIMEFRAME : undefined;
  const keepsIndicator = intent === 'indicator' || (intent === 'explain' && !topic);
  const keepsPeriod = intent === 'change' || intent === 'compare';

  const parsed: ParsedQuestion = {
    intent,
    symbol,
    timeframe: timeframe ?? previous.timeframe ?? chartDefault,
    indicator: indicator ?? (keepsIndicator ? previous.indicator : undefined),
    compareWith,
    period: period ?? (keepsPeriod ? (context?.period ?? DEFAULT_PERIOD) : undefined),
    topic: intent === 'explain' && !indicator ? topic : undefined,
    trackRecord: intent === 'forecast' && TRACK_RECORD.test(normalized) ? true : undefined,
    unknownSymbols: unknown.length > 0 ? unknown : undefined,
  };
  for (const key of Object.keys(parsed) as Array<keyof ParsedQuestion>)
    if (parsed[key] === undefined) delete parsed[key];
  return parsed;
}
