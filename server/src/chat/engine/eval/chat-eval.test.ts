import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatPayload } from '../../../../../shared/chat-answer.ts';
import {
  createRecordedChatTools,
  type RecordedChatTools,
} from '../../../../test/support/recorded-chat-tools.ts';
import { createChatEngine } from '../chat-engine.ts';
import { EVAL_QUESTIONS } from './eval-questions.ts';
import { FROZEN_QUESTIONS } from './frozen-questions.ts';
import { grade } from './grade.ts';
import { runEval, type EvalSummary } from './run-eval.ts';

/** What the table must reach; the target. */
const TABLE_ACCURACY = 0.97;

const report = (summary: EvalSummary) =>
  summary.results
    .filter((r) => !r.right)
    .map(
      (r) =>
        `${r.confidentlyWrong ? 'CONFIDENTLY WRONG' : 'wrong'}: ${r.case.ask} — expected ${r.expected}, got ${r.got}`,
    )
    .join('\n');

describe('chat evaluation (scripts/eval-chat.ts prints the full report)', () => {
  let tools: RecordedChatTools;
  beforeAll(async () => {
    tools = await createRecordedChatTools({ predictions: 'none' });
  });

  it(
    `answers at least ${TABLE_ACCURACY * 100}% of the table right, and none confidently wrong`,
    { timeout: 60_000 },
    async () => {
      expect(EVAL_QUESTIONS.length).toBeGreaterThanOrEqual(200);
      const summary = await runEval(EVAL_QUESTIONS, createChatEngine(tools), tools.timeframes());
      expect(summary.right / summary.results.length, report(summary)).toBeGreaterThanOrEqual(TABLE_ACCURACY);
      expect(
        summary.confidentlyWrong.map((r) => r.case.ask),
        report(summary),
      ).toEqual([]);
    },
  );

  it('answers nothing on the frozen set confidently wrong', { timeout: 60_000 }, async () => {
    expect(FROZEN_QUESTIONS).toHaveLength(50);
    const summary = await runEval(FROZEN_QUESTIONS, createChatEngine(tools), tools.timeframes());
    expect(
      summary.confidentlyWrong.map((r) => r.case.ask),
      report(summary),
    ).toEqual([]);
  });

  it('grades by intent, symbol, timeframe and refusal, and calls a silent wrong answer confidently wrong', () => {
    const payload = (p: Partial<ChatPayload>): ChatPayload => ({
      intent: 'price',
      figures: [],
      context: {},
      phrasedBy: 'engine',
      ...p,
    });
    const offered = ['1h', '4h'] as const;
    const macdOfBtc = { intent: 'indicator', symbol: 'BTC/USDT', indicator: 'macd' } as const;
    const macdOfEth = payload({ intent: 'indicator', symbol: 'ETH/USDT', context: { indicator: 'macd' } });
    expect(grade(macdOfBtc, macdOfEth, offered)).toMatchObject({ right: false, confidentlyWrong: true });
    expect(
      grade(macdOfBtc, { ...macdOfEth, assumed: [{ word: 'bitcon', as: 'ETH' }] }, offered),
    ).toMatchObject({
      right: false,
      confidentlyWrong: false,
    });
    const macdOfBtcPayload = payload({
      intent: 'indicator',
      symbol: 'BTC/USDT',
      context: { indicator: 'macd' },
    });
    expect(grade(macdOfBtc, macdOfBtcPayload, offered)).toMatchObject({
      right: true,
      confidentlyWrong: false,
    });
    // A timeframe not offered must be refused; answering on another one is confidently wrong.
    const on2h = { intent: 'indicator', symbol: 'BTC/USDT', timeframe: '2h' } as const;
    const on1h = payload({ intent: 'indicator', symbol: 'BTC/USDT', timeframe: '1h' });
    expect(grade(on2h, on1h, offered)).toMatchObject({ right: false, confidentlyWrong: true });
    const refused = payload({ refusal: { kind: 'unsupported-timeframe', words: ['2h'] } });
    expect(grade(on2h, refused, offered)).toMatchObject({ right: true });
    expect(grade(on2h, refused, [...offered, '2h'])).toMatchObject({ right: false, confidentlyWrong: false });
    // A refusal must be the expected kind and name the word.
    const unknown = payload({ refusal: { kind: 'unknown-word', words: ['funding'] } });
    expect(grade({ refusal: 'unknown-word', word: 'funding' }, unknown, offered).right).toBe(true);
    expect(grade({ refusal: 'unknown-word', word: 'rate' }, unknown, offered).right).toBe(false);
    expect(grade({ refusal: 'unsupported-quote' }, payload({}), offered)).toMatchObject({
      confidentlyWrong: true,
    });
  });
});
