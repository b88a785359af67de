import type { ChatPayload } from '../../../../../shared/chat-answer.ts';
import type { Timeframe } from '../../../../../shared/market.ts';
import { isRefusal, type EvalCase, type ExpectedAnswer } from './eval-case.ts';

/**
 * How one reply measures up. Right: an expected answer is a reply without a refusal whose intent,
 * and whichever of symbol, timeframe, indicator, period and second symbol the case names, are the
 * expected ones; an expected refusal is a refusal of that kind naming the word the case names. A
 * timeframe the market does not offer turns an expected answer into an expected
 * `unsupported-timeframe` refusal. Confidently wrong: not right, and the reply neither refuses nor
 * states an assumption or a sentence it left out, so nothing tells the trader it may be answering
 * another question.
 */
export interface Grade {
  right: boolean;
  confidentlyWrong: boolean;
  /** What was expected and what came, in a line each: `indicator BTC/USDT 2h rsi14`. */
  expected: string;
  got: string;
}

/** The key a case is counted under in the per-intent table: `price`, `refusal:unsupported-quote`. */
export function caseKey(expect: EvalCase['expect'], offered: readonly Timeframe[]): string {
  const effective = effectiveExpectation(expect, offered);
  return isRefusal(effective) ? `refusal:${effective.refusal}` : effective.intent;
}

function effectiveExpectation(expect: EvalCase['expect'], offered: readonly Timeframe[]): EvalCase['expect'] {
  if (isRefusal(expect) || !expect.timeframe) return expect;
  return (offered as readonly string[]).includes(expect.timeframe)
    ? expect
    : { refusal: 'unsupported-timeframe' };
}

const describeAnswer = (e: ExpectedAnswer) =>
  [
    e.intent,
    e.symbol,
    e.timeframe,
    e.indicator,
    e.period && `period ${e.period}`,
    e.compareWith && `vs ${e.compareWith}`,
  ]
    .filter(Boolean)
    .join(' ');

function describePayload(p: ChatPayload): string {
  if (p.refusal) return `refusal:${p.refusal.kind} ${p.refusal.words.join(', ')}`.trim();
  const c = p.context;
  const assumed = p.assumed ? ` (assuming ${p.assumed.map((a) => `${a.word}→${a.as}`).join(', ')})` : '';
  return (
    [
      p.intent,
      p.symbol,
      p.timeframe,
      c.indicator,
      c.period && `period ${c.period}`,
      c.compareWith && `vs ${c.compareWith}`,
    ]
      .filter(Boolean)
      .join(' ') + assumed
  );
}

/** The reply says it read something other than written, or left part of it out. */
const hedged = (p: ChatPayload) => p.assumed !== undefined || p.leftOut !== undefined;

export function grade(
  expect: EvalCase['expect'],
  payload: ChatPayload,
  offered: readonly Timeframe[],
): Grade {
  const e = effectiveExpectation(expect, offered);
  const got = describePayload(payload);
  if (isRefusal(e)) {
    const named = (payload.refusal?.words ?? []).map((w) => w.toLowerCase());
    const right =
      payload.refusal?.kind === e.refusal && (e.word === undefined || named.includes(e.word.toLowerCase()));
    return {
      right,
      confidentlyWrong: !right && !payload.refusal && !hedged(payload),
      expected: `refusal:${e.refusal}${e.word ? ` ${e.word}` : ''}`,
      got,
    };
  }
  const c = payload.context;
  const same = (want: string | undefined, have: string | undefined) => want === undefined || want === have;
  const right =
    !payload.refusal &&
    payload.intent === e.intent &&
    same(e.symbol, payload.symbol) &&
    same(e.timeframe, payload.timeframe) &&
    same(e.indicator, c.indicator) &&
    same(e.period, c.period) &&
    same(e.compareWith, c.compareWith);
  return {
    right,
    confidentlyWrong: !right && !payload.refusal && !hedged(payload),
    expected: describeAnswer(e),
    got,
  };
}
