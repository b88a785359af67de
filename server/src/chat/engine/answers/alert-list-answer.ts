import type { Alert } from '../../../../../shared/alerts.ts';
import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import type { Answer, AnswerKit } from '../answer-kit.ts';
import { formatPercent } from '../format-numbers.ts';
import type { ParsedQuestion } from '../parse-question.ts';
import { alertsGate, baseOf, describeFor } from './alert-gate.ts';

/** Rows a chat card shows; the alerts panel lists every one. */
const MAX_ROWS = 20;
/** Alerts said in the text; the table holds the rest. */
const MAX_SAID = 5;

const stateWord = (a: Alert) => (a.state === 'done' ? 'fired, done' : a.state);

/** The last price of every offered symbol the alerts watch, each with the time of its candle. */
async function lastPrices(kit: AnswerKit, alerts: readonly Alert[]) {
  const offered = new Set(kit.tools.symbols().map((s) => s.symbol));
  const prices = new Map<string, { close: number; asOf: number }>();
  for (const symbol of new Set(alerts.map((a) => a.symbol))) {
    if (!offered.has(symbol)) continue;
    const last = (await kit.tools.candles(symbol, '1m', 1)).at(-1);
    if (last) prices.set(symbol, { close: last.close, asOf: kit.candleAsOf(last, '1m') });
  }
  return prices;
}

/** "what alerts do I have?", "any alerts on BTC?": the asker's alerts, in words and as a table. */
export async function answerAlertList(q: ParsedQuestion, kit: AnswerKit): Promise<Answer> {
  const on = q.symbol ? ` on ${q.symbol}` : '';
  const gate = alertsGate(kit, `What alerts do I have${on}?`);
  if (!('alerts' in gate)) return gate;
  const all = await gate.alerts.list();
  const alerts = q.symbol ? all.filter((a) => a.symbol === q.symbol) : all;
  const example = baseOf(kit, q.symbol ?? kit.tools.symbols()[0]?.symbol ?? 'BTC');
  if (alerts.length === 0)
    return {
      text: `You have no alerts${on}.${q.symbol && all.length > 0 ? ` (${all.length} on other symbols.)` : ''}`,
      figures: [],
      suggestions: [`Alert me on ${example}`],
    };

  const prices = await lastPrices(kit, alerts);
  const distance = (a: Alert) => {
    const last = prices.get(a.symbol);
    if (!last || a.condition.kind !== 'price') return '—';
    return formatPercent(((a.condition.value - last.close) / last.close) * 100);
  };
  const rows = alerts
    .slice(0, MAX_ROWS)
    .map((a) => [
      describeFor(kit, a),
      a.repeat ? 'every time' : 'once',
      stateWord(a),
      prices.has(a.symbol) ? kit.price(a.symbol, prices.get(a.symbol)!.close) : '—',
      distance(a),
    ]);
  const counts = (['active', 'paused', 'done'] as const)
    .map((state) => [state, alerts.filter((a) => a.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state === 'done' ? 'fired' : state}`)
    .join(', ');
  const said = alerts
    .slice(0, MAX_SAID)
    .map((a) => `${describeFor(kit, a)} (${a.repeat ? 'every time' : 'once'}, ${stateWord(a)})`)
    .join('; ');
  const more = alerts.length > MAX_SAID ? `; and ${alerts.length - MAX_SAID} more in the table` : '';
  const figures: ChatFigure[] = [...prices].map(([symbol, p]) =>
    kit.priceFigure(`Last ${kit.base(symbol)}`, symbol, p.close, p.asOf),
  );
  const first = alerts[0]!;
  return {
    text: `You have ${alerts.length} alert${alerts.length === 1 ? '' : 's'}${on} (${counts}): ${said}${more}.`,
    figures,
    table: { columns: ['Alert', 'Fires', 'State', 'Last price', 'Distance'], rows },
    suggestions: [`Delete the ${baseOf(kit, first.symbol)} alert`, 'Delete all my alerts'],
  };
}
