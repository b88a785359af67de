/** Chat evaluation over the real server stack, offline; what it prints is in USAGE. */
import type { Timeframe } from '../shared/market.ts';
import { createChatEngine } from '../server/src/chat/engine/chat-engine.ts';
import type { EvalCase } from '../server/src/chat/engine/eval/eval-case.ts';
import { EVAL_QUESTIONS } from '../server/src/chat/engine/eval/eval-questions.ts';
import { FROZEN_QUESTIONS } from '../server/src/chat/engine/eval/frozen-questions.ts';
import { runEval, type EvalSummary } from '../server/src/chat/engine/eval/run-eval.ts';
import { marketChatTools } from '../server/src/chat/market-chat-tools.ts';
import { silentLogger } from '../server/src/kernel/logger.ts';
import { createReplaySource } from '../server/src/market/replay/replay-source.ts';
import { startBenchApp } from './bench-support.ts';
import { oneOf, parseCli } from './cli.ts';

const USAGE = `Usage: node --import tsx scripts/eval-chat.ts [--set both] [--all]

Asks the chat engine every question of its evaluation tables, over the real server stack (the
replay of recorded Binance candles, the analysis and forecast services; no LLM, no network), and
prints, per table: the share answered right per intent (or per kind of refusal), then every
confidently wrong answer — a reply about another intent, symbol or timeframe than asked that
neither refuses nor states an assumption. What counts as right is defined in
server/src/chat/engine/eval/grade.ts.

Tables: "table" (server/src/chat/engine/eval/eval-questions.ts, the one tuned to, at least 200
questions) and "frozen" (frozen-questions.ts, 50 questions never tuned to).

Options:
  --set NAME   table, frozen or both (default both)
  --all        also list the answers that are wrong but not confident (refusals, stated assumptions)
  -h, --help   show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    set: { type: 'string', default: 'both' },
    all: { type: 'boolean', default: false },
  },
});
const set = oneOf(values.set, '--set', ['table', 'frozen', 'both'] as const);

const pct = (right: number, n: number) => `${((right / n) * 100).toFixed(1)}%`;

function print(name: string, summary: EvalSummary) {
  const n = summary.results.length;
  console.log(
    `\n## ${name}: ${summary.right}/${n} right (${pct(summary.right, n)}), ${summary.confidentlyWrong.length} confidently wrong\n`,
  );
  console.log('| intent / refusal | questions | right |\n|---|---:|---:|');
  for (const [key, { n: count, right }] of [...summary.byKey].sort(([a], [b]) => a.localeCompare(b)))
    console.log(`| ${key} | ${count} | ${pct(right, count)} |`);
  const shown = summary.results.filter((r) => r.confidentlyWrong || (values.all && !r.right));
  if (shown.length === 0) return;
  console.log(`\n${values.all ? 'Wrong answers' : 'Confidently wrong answers'}:`);
  for (const r of shown) {
    const after = r.case.after?.length ? ` (after ${r.case.after.map((a) => `"${a}"`).join(', ')})` : '';
    console.log(`- ${r.confidentlyWrong ? '**confidently wrong**' : 'wrong'}: "${r.case.ask}"${after}`);
    console.log(`  expected ${r.expected}; got ${r.got}`);
    console.log(`  "${r.reply.text}"`);
  }
}

const app = await startBenchApp(
  await createReplaySource({ clock: Date.now, tickMs: 1000, logger: silentLogger }),
);
try {
  const tools = marketChatTools({
    market: app.app.market,
    streams: app.app.streams,
    analysis: app.app.analysis,
    clock: Date.now,
    prediction: async (symbol, timeframe) => (await app.app.predictions.get(symbol, timeframe)).prediction,
  });
  const engine = createChatEngine(tools);
  const offered: readonly Timeframe[] = tools.timeframes();
  console.log(
    `Chat evaluation, replay source, node ${process.version}; timeframes offered: ${offered.join(', ')}`,
  );
  const tables: Array<[string, readonly EvalCase[]]> = [];
  if (set !== 'frozen') tables.push(['Tuning table (eval-questions.ts)', EVAL_QUESTIONS]);
  if (set !== 'table') tables.push(['Frozen set (frozen-questions.ts, never tuned to)', FROZEN_QUESTIONS]);
  for (const [name, cases] of tables) print(name, await runEval(cases, engine, offered));
} finally {
  await app.close();
}
process.exit(0);
