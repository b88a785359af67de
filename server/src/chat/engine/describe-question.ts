import { INDICATOR_LABELS } from './indicator-words.ts';
import type { ParsedQuestion } from './parse-question.ts';
import { periodLabel } from './period-words.ts';

/** "over the last 7 days" as a question says it: "this week" reads better in a chip. */
function periodWords(period: string | undefined): string {
  if (period === undefined || period === '24h') return 'in the last 24 hours';
  if (period === 'today') return 'today';
  if (period === '7d') return 'this week';
  if (period === '30d') return 'this month';
  return periodLabel(period).replace(/^over /, 'in ');
}

/** Short names for questions: "RSI", not "RSI (14)". */
const indicatorName = (id: string) =>
  INDICATOR_LABELS[id as keyof typeof INDICATOR_LABELS].replace(/\s*\(.*\)$/, '');

/**
 * A question as the engine would word it, to offer as a chip: what an unclear question most likely
 * meant, or the same question on what the market offers. The engine reads each back as `q` (its
 * tests hold it to that), so clicking one answers it. `baseOf` names a symbol's coin: "BTC".
 */
export function describeQuestion(
  q: ParsedQuestion,
  baseOf: (symbol: string) => string | undefined,
): string | undefined {
  const base = q.symbol ? baseOf(q.symbol) : undefined;
  const on = q.timeframe ? ` on ${q.timeframe}` : '';
  const rank = q.ranking;
  if (q.intent === 'ranking' && rank) {
    const when = periodWords(q.period);
    if (rank.metric === 'volatility')
      return `Which coin is ${rank.order === 'asc' ? 'least' : 'most'} volatile?`;
    if (rank.metric === 'volume')
      return `Which coin has the ${rank.order === 'asc' ? 'lowest' : 'highest'} volume?`;
    if (rank.metric === 'move') return `Biggest mover ${when}?`;
    return `Which coin is ${rank.order === 'asc' ? 'weakest' : 'strongest'} ${when}?`;
  }
  if (q.intent === 'help') return 'Help';
  if (q.intent === 'explain' && q.indicator) return `What is ${indicatorName(q.indicator)}?`;
  if (!base) return undefined;
  switch (q.intent) {
    case 'price':
      return `Price of ${base}`;
    case 'change':
      return `How much did ${base} move ${periodWords(q.period)}?`;
    case 'trend':
      return `How is ${base} doing${on}?`;
    case 'indicator':
      return q.indicator ? `${indicatorName(q.indicator)} of ${base}${on}` : `Indicators for ${base}${on}`;
    case 'overbought':
      return `Is ${base} ${q.overbought === 'oversold' ? 'oversold' : 'overbought'}${on}?`;
    case 'volume':
      return q.timeframe ? `Volume of ${base}${on}` : `Volume of ${base} ${periodWords(q.period)}`;
    case 'range':
      return `High and low of ${base} ${periodWords(q.period)}`;
    case 'candles':
      return `Last ${q.count ?? 5} candles of ${base}${on}`;
    case 'forecast':
      return `Forecast for ${base}${on}`;
    case 'risk':
      return `Risk for ${base}${on}`;
    case 'levels':
      return `Support and resistance for ${base}${on}`;
    case 'compare': {
      const other = q.compareWith ? baseOf(q.compareWith) : undefined;
      return other ? `Compare ${base} and ${other}${on}` : undefined;
    }
    case 'alert':
      return q.alert?.level === undefined
        ? `Alert me on ${base}`
        : `Alert me when ${base} goes above ${q.alert.level}`;
    default:
      return undefined;
  }
}
