import { formatPercent } from '../format-numbers.ts';
import type { Answer, AnswerKit } from '../answer-kit.ts';
import type { ParsedQuestion } from '../parse-question.ts';

/**
 * Alerts, understood but not yet set from the chat: the answer says so plainly, repeats what was
 * asked so the user sees it was understood, and gives the price it would have watched. Setting,
 * listing and deleting them through the alerts service (server/src/alerts) is this module's to do.
 */
export async function answerAlert(q: ParsedQuestion, kit: AnswerKit): Promise<Answer> {
  const alert = q.alert ?? { action: 'create' };
  const suggestions = q.symbol
    ? [`Price of ${kit.base(q.symbol)}`, `Support and resistance for ${kit.base(q.symbol)}`]
    : ['Which coin is strongest today?', 'Help'];
  if (alert.action === 'list')
    return { text: 'I can’t list your alerts from the chat yet.', figures: [], suggestions };
  if (alert.action === 'delete')
    return {
      text: 'I can’t delete alerts from the chat yet.',
      figures: [],
      suggestions,
    };

  const subject = q.symbol ?? 'a symbol';
  const condition =
    alert.percent !== undefined
      ? ` for a ${alert.percent < 0 ? 'drop' : 'rise'} of ${Math.abs(alert.percent)}%`
      : alert.level !== undefined
        ? ` for a move ${alert.direction === 'below' ? 'below' : alert.direction === 'above' ? 'above' : 'through'} ${q.symbol ? kit.price(q.symbol, alert.level) : alert.level}`
        : '';
  const text = `I can’t set alerts from the chat yet, so I can’t watch ${subject}${condition} for you.`;
  if (!q.symbol) return { text, figures: [], suggestions };

  const candles = await kit.tools.candles(q.symbol, '1m', 1);
  const last = candles.at(-1);
  if (!last) return { text, figures: [], suggestions };
  const distance =
    alert.level !== undefined
      ? `, ${formatPercent(((alert.level - last.close) / last.close) * 100)} away from ${kit.price(q.symbol, alert.level)}`
      : '';
  return {
    text: `${text} It is at ${kit.price(q.symbol, last.close)} now${distance}.`,
    figures: [kit.priceFigure('Last price', q.symbol, last.close, kit.candleAsOf(last, '1m'))],
    chart: { symbol: q.symbol, timeframe: '1m' },
    suggestions,
  };
}
