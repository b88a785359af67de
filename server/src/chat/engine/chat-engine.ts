import type { ChatContext } from '../../../../shared/chat-answer.ts';
import { AppError } from '../../kernel/errors.ts';
import { isMarketError } from '../../market/errors.ts';
import { AnswerKit, type Answer } from './answer-kit.ts';
import { answerChange } from './answers/change-answer.ts';
import { answerCompare, answerCompareWithWhat } from './answers/compare-answer.ts';
import { answerExplain } from './answers/explain-answer.ts';
import { answerForecast } from './answers/forecast-answer.ts';
import { answerAlert } from './answers/alert-answer.ts';
import { answerCandles } from './answers/candles-answer.ts';
import { answerHelp } from './answers/help-answer.ts';
import { answerIndicator } from './answers/indicator-answer.ts';
import { answerLevels } from './answers/levels-answer.ts';
import { answerOverbought } from './answers/overbought-answer.ts';
import { answerPrice } from './answers/price-answer.ts';
import { answerRange } from './answers/range-answer.ts';
import { answerRanking } from './answers/ranking-answer.ts';
import {
  answerNotUnderstood,
  answerUnclear,
  answerUnknownSymbol,
  answerUnknownWords,
  answerUnsupported,
  answerWhichSymbol,
  type Offer,
} from './answers/refusal-answer.ts';
import { answerRisk } from './answers/risk-answer.ts';
import { answerSmalltalk } from './answers/smalltalk-answer.ts';
import { answerTrend } from './answers/trend-answer.ts';
import { answerVolume } from './answers/volume-answer.ts';
import type { ChatEngine, ChatReply, ChatTools } from './chat-tools.ts';
import { assumptionNote, closestQuestions, leftOutNote } from './clarify.ts';
import { capAsOf, staleNote, staleSince } from './freshness.ts';
import { parseQuestion, type ParsedQuestion } from './parse-question.ts';
import type { Phraser } from './phraser.ts';
import { DEFAULT_TIMEFRAME } from './timeframe-words.ts';

export interface ChatEngineOptions {
  /** Rewords answers that carry figures; the engine's own text is kept when it fails. */
  phraser?: Phraser;
  /** Called with what a tool threw; the user gets a polite answer instead. For logging. */
  onError?: (error: unknown, question: string) => void;
}

/** What went wrong, in words a trader can act on; internal details stay in the log. */
function unavailableText(error: unknown, q: ParsedQuestion): string {
  if (
    error instanceof AppError &&
    (error.code === 'UNKNOWN_SYMBOL' || error.code === 'UNSUPPORTED_TIMEFRAME')
  )
    return `I can't answer that: ${error.message}.`;
  if (isMarketError(error) && error.kind === 'rate-limited')
    return 'The exchange is asking us to slow down right now; please ask again in a few seconds.';
  const what = q.symbol ? ` for ${q.symbol}` : '';
  return `Sorry, the market data${what} is unavailable at the moment, so I can't answer that right now. Please try again shortly.`;
}

/** Intents that answer without market data about one symbol. */
const NO_SYMBOL_NEEDED = new Set(['help', 'explain', 'smalltalk']);

async function compose(
  q: ParsedQuestion,
  kit: AnswerKit,
  offer: Offer,
  alternatives: () => string[],
): Promise<Answer> {
  if (q.unsupported) return answerUnsupported({ ...q, unsupported: q.unsupported }, offer);
  if (q.unknownSymbols && !NO_SYMBOL_NEEDED.has(q.intent)) return answerUnknownSymbol(q, offer);
  if (q.unknownWords) return answerUnknownWords(q, offer, alternatives());
  if (q.unclear) return answerUnclear({ ...q, unclear: q.unclear }, offer);
  switch (q.intent) {
    case 'help':
      return answerHelp(offer);
    case 'smalltalk':
      return answerSmalltalk(q.smalltalk, offer.symbols);
    case 'unknown':
      return answerNotUnderstood(offer);
    case 'explain':
      return answerExplain(q, kit);
    case 'ranking':
      return answerRanking(q, kit);
    case 'alert':
      return answerAlert(q, kit);
  }
  if (!q.symbol) return answerWhichSymbol(q, offer);
  const question = { ...q, symbol: q.symbol };
  const chart = { ...question, timeframe: q.timeframe ?? DEFAULT_TIMEFRAME };
  switch (q.intent) {
    case 'price':
      return answerPrice(question, kit);
    case 'change':
      return answerChange(question, kit);
    case 'volume':
      return answerVolume(question, kit);
    case 'range':
      return answerRange(question, kit);
    case 'candles':
      return answerCandles(chart, kit);
    case 'overbought':
      return answerOverbought(chart, kit);
    case 'trend':
      return answerTrend(chart, kit);
    case 'indicator':
      return answerIndicator(chart, kit);
    case 'forecast':
      return answerForecast(chart, kit);
    case 'risk':
      return answerRisk(chart, kit);
    case 'levels':
      return answerLevels(chart, kit);
    case 'compare':
      return q.compareWith
        ? answerCompare({ ...chart, compareWith: q.compareWith }, kit)
        : answerCompareWithWhat(q.symbol, kit);
  }
}

/** The conversation's state after this answer; a reply that did not answer keeps the previous one. */
function nextContext(q: ParsedQuestion, previous: ChatContext | undefined, answered: boolean): ChatContext {
  if (!answered || q.intent === 'help' || q.intent === 'unknown' || q.intent === 'smalltalk')
    return { ...previous };
  const context: ChatContext = { intent: q.intent };
  const fields: Array<[keyof ChatContext, string | undefined]> = [
    ['symbol', q.symbol ?? previous?.symbol],
    ['timeframe', q.timeframe ?? previous?.timeframe],
    ['indicator', q.indicator],
    ['compareWith', q.compareWith],
    ['period', q.period],
  ];
  for (const [key, value] of fields)
    if (value !== undefined) (context as Record<string, string>)[key] = value;
  return context;
}

function toReply(q: ParsedQuestion, answer: Answer, context: ChatContext): ChatReply {
  return {
    text: answer.text,
    payload: {
      intent: q.intent,
      ...(q.symbol ? { symbol: q.symbol } : {}),
      ...(q.timeframe ? { timeframe: q.timeframe } : {}),
      figures: answer.figures,
      ...(answer.sparkline ? { sparkline: answer.sparkline } : {}),
      ...(answer.chart ? { chart: answer.chart } : {}),
      ...(answer.table ? { table: answer.table } : {}),
      suggestions: answer.suggestions,
      ...(answer.refusal ? { refusal: answer.refusal } : {}),
      ...(q.assumed && !answer.refusal ? { assumed: q.assumed } : {}),
      ...(q.leftOut && !answer.refusal ? { leftOut: q.leftOut } : {}),
      context,
      phrasedBy: 'engine',
    },
  };
}

/**
 * Says up front what the answer assumed ("bitcon" read as BTC) and, when the data behind the figures
 * stopped, that they are the last ones received. Added after any rewording, in the engine's words.
 */
function withNotes(reply: ChatReply, since: number | undefined, now: number): ChatReply {
  const assumed = [
    reply.payload.leftOut ? leftOutNote(reply.payload.leftOut) : '',
    reply.payload.assumed ? assumptionNote(reply.payload.assumed) : '',
  ]
    .filter(Boolean)
    .map((note) => `${note} `)
    .join('');
  if (since === undefined) return assumed ? { ...reply, text: `${assumed}${reply.text}` } : reply;
  return {
    text: `${assumed}${staleNote(since, now)} ${reply.text}`,
    payload: { ...reply.payload, figures: capAsOf(reply.payload.figures, since), staleSince: since },
  };
}

/**
 * The offline chat engine: parses a question, reads the live market through the tools, and answers
 * in plain English with the figures behind it. It never throws: a failing tool becomes a polite
 * answer. Each answer reads each analysis at most once, and says when its data is stale.
 */
export function createChatEngine(tools: ChatTools, options: ChatEngineOptions = {}): ChatEngine {
  return {
    async reply(text, context, asker) {
      let q: ParsedQuestion = { intent: 'unknown' };
      let answer: Answer;
      let answered = true;
      let since: number | undefined;
      try {
        const offer: Offer = { symbols: tools.symbols(), timeframes: tools.timeframes() };
        const parsed = parseQuestion(text, offer, context);
        q = parsed;
        const kit = new AnswerKit(tools, asker);
        answer = await compose(parsed, kit, offer, () => closestQuestions(text, parsed, offer, context));
        // A refusal changes nothing; "which symbol?" keeps the intent for "BTC".
        answered = !answer.refusal || answer.refusal.kind === 'no-symbol';
        since = staleSince(kit.candleReads, kit.now, (symbol) => tools.feedStaleSince?.(symbol));
      } catch (error) {
        options.onError?.(error, text);
        answer = { text: unavailableText(error, q), figures: [], suggestions: ['Try again', 'Help'] };
      }
      const reply = toReply(q, answer, nextContext(q, context, answered));
      const now = tools.now();
      if (!options.phraser || reply.payload.figures.length === 0) return withNotes(reply, since, now);
      try {
        // The phraser rewords the answer; assumptions and staleness are said in the engine's words.
        return withNotes(await options.phraser.phrase(text, reply), since, now);
      } catch (error) {
        options.onError?.(error, text);
        return withNotes(reply, since, now);
      }
    },
  };
}
