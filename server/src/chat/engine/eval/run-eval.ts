import type { ChatContext } from '../../../../../shared/chat-answer.ts';
import type { Timeframe } from '../../../../../shared/market.ts';
import type { ChatEngine, ChatReply } from '../chat-tools.ts';
import type { EvalCase } from './eval-case.ts';
import { caseKey, grade, type Grade } from './grade.ts';

export interface EvalResult extends Grade {
  case: EvalCase;
  /** `price`, `refusal:unknown-word`: what the case is counted under. */
  key: string;
  reply: ChatReply;
}

export interface EvalSummary {
  results: EvalResult[];
  right: number;
  confidentlyWrong: EvalResult[];
  /** Per key: how many cases, how many right. */
  byKey: Map<string, { n: number; right: number }>;
}

/**
 * Asks every case of a table, each in a conversation of its own: first the questions it follows
 * (`after`), carrying the context each answer leaves, then the question itself, which is graded.
 * `offered` are the timeframes the engine's market offers: they decide whether a question about a
 * timeframe expects an answer or a refusal.
 */
export async function runEval(
  cases: readonly EvalCase[],
  engine: ChatEngine,
  offered: readonly Timeframe[],
): Promise<EvalSummary> {
  const results: EvalResult[] = [];
  for (const evalCase of cases) {
    let context: ChatContext | undefined;
    for (const before of evalCase.after ?? [])
      context = (await engine.reply(before, context)).payload.context;
    const reply = await engine.reply(evalCase.ask, context);
    results.push({
      case: evalCase,
      key: caseKey(evalCase.expect, offered),
      reply,
      ...grade(evalCase.expect, reply.payload, offered),
    });
  }
  const byKey = new Map<string, { n: number; right: number }>();
  for (const r of results) {
    const k = byKey.get(r.key) ?? { n: 0, right: 0 };
    byKey.set(r.key, { n: k.n + 1, right: k.right + (r.right ? 1 : 0) });
  }
  return {
    results,
    right: results.filter((r) => r.right).length,
    confidentlyWrong: results.filter((r) => r.confidentlyWrong),
    byKey,
  };
}
