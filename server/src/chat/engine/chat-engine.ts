import type { ChatContext } from '../../../../shared/chat-answer.ts';
import { AppError } from '../../kernel/errors.ts';
import { isMarketError } from '../../market/errors.ts';
import { AnswerKit, type Answer } from './answer-kit.ts';
import { answerChange } from './answers/change-answer.ts';
import { answerCompare, answerCompareWithWhat } from './answers/compare-answer.ts';
import { answerExplain } from './answers/explain-answer.ts';
import { answerForecast } from './answers/forecast-answer.ts';
import { answerHelp, answerUnknown, answerUnknownSymbol, answerWhichSymbol } from './answers/help-answer.ts';
import { answerIndicator } from './answers/indicator-answer.ts';
import { answerLevels } from './answers/levels-answer.ts';
import { answerPrice } from './answers/price-answer.ts';
import { answerRisk } from './answers/risk-answer.ts';
import { answerTrend } from './answers/trend-answer.ts';
import type { ChatEngine, ChatReply, ChatTools } from './chat-tools.ts';
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

async function compose(q: ParsedQuestion, kit: AnswerKit): Promise<Answer> {
  const symbols = kit.tools.symbols();
  if (q.unknownSymbols && q.intent !== 'explain' && q.intent !== 'help')
    return answerUnknownSymbol(q.unknownSymbols, symbols);
  switch (q.intent) {
    case 'help':
      return answerHelp(symbols);
    case 'unknown':
      return answerUnknown(symbols);
    case 'explain':
      return answerExplain(q, kit);
  }
  if (!q.symbol) return answerWhichSymbol(symbols);
  const question = { ...q, symbol: q.symbol };
  const chart = { ...question, timeframe: q.timeframe ?? DEFAULT_TIMEFRAME };
  switch (q.intent) {
    case 'price':
      return answerPrice(question, kit);
    case 'change':
      return answerChange(question, kit);
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
  if (!answered || q.intent === 'help' || q.intent === 'unknown') return { ...previous };
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
      suggestions: answer.suggestions,
      context,
      phrasedBy: 'engine',
    },
  };
}

/** Says up front that the figures are the last ones received, when the data behind them stopped. */
function withFreshness(reply: ChatReply, since: number | undefined, now: number): ChatReply {
  if (since === undefined) return reply;
  return {
    text: `${staleNote(since, now)} ${reply.text}`,
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
    async reply(text, context) {
      let q: ParsedQuestion = { intent: 'unknown' };
      let answer: Answer;
      let answered = true;
      let since: number | undefined;
      try {
        q = parseQuestion(text, { symbols: tools.symbols() }, context);
        const kit = new AnswerKit(tools);
        answer = await compose(q, kit);
        // A question about a coin not on offer changes nothing; "which symbol?" keeps the intent for "BTC".
        answered = !q.unknownSymbols;
        since = staleSince(kit.candleReads, kit.now, (symbol) => tools.feedStaleSince?.(symbol));
      } catch (error) {
        options.onError?.(error, text);
        answer = { text: unavailableText(error, q), figures: [], suggestions: ['Try again', 'Help'] };
      }
      const reply = toReply(q, answer, nextContext(q, context, answered));
      const now = tools.now();
      if (!options.phraser || reply.payload.figures.length === 0) return withFreshness(reply, since, now);
      try {
        // The phraser rewords the answer; the staleness is said in the engine's words whatever it writes.
        return withFreshness(await options.phraser.phrase(text, reply), since, now);
      } catch (error) {
        options.onError?.(error, text);
        return withFreshness(reply, since, now);
      }
    },
  };
}
