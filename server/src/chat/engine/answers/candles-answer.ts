import type { Answer, AnswerKit, ChartQuestion } from '../answer-kit.ts';
import { toneOf } from '../answer-kit.ts';
import { formatCompact, formatPercent, formatUtcTime } from '../format-numbers.ts';

/** "the last 5 candles of BTC": a small table, newest first, the forming candle marked. */
export async function answerCandles(q: ChartQuestion & { count?: number }, kit: AnswerKit): Promise<Answer> {
  const count = q.count ?? 5;
  const candles = await kit.tools.candles(q.symbol, q.timeframe, count);
  const base = kit.base(q.symbol);
  const suggestions = [
    `Volume of ${base} on ${q.timeframe}`,
    `How is ${base} doing on ${q.timeframe}?`,
    `Last ${Math.min(count * 2, 20)} candles of ${base} on ${q.timeframe}`,
  ];
  const last = candles.at(-1);
  if (!last)
    return { text: `There are no candles for ${q.symbol} on ${q.timeframe} yet.`, figures: [], suggestions };

  const price = (x: number) => kit.price(q.symbol, x);
  const change = (c: (typeof candles)[number]) => ((c.close - c.open) / c.open) * 100;
  const formingNow = kit.candleAsOf(last, q.timeframe) === kit.now;
  const rows = [...candles].reverse().map((c, i) => [
    // The column says UTC; each cell only the time, and the date when it is not today's.
    `${formatUtcTime(c.time, kit.now).replace(/ UTC$/, '')}${i === 0 && formingNow ? ' (forming)' : ''}`,
    price(c.open),
    price(c.high),
    price(c.low),
    price(c.close),
    formatCompact(c.volume),
    formatPercent(change(c)),
  ]);
  const closed = formingNow ? candles.slice(0, -1) : candles;
  const up = closed.filter((c) => c.close > c.open).length;
  const down = closed.filter((c) => c.close < c.open).length;
  const lead = formingNow
    ? `the forming one is ${change(last) >= 0 ? 'up' : 'down'} ${Math.abs(change(last)).toFixed(2)}% so far`
    : `the last one closed ${change(last) >= 0 ? 'up' : 'down'} ${Math.abs(change(last)).toFixed(2)}%`;
  const shown = candles.length < count ? ` (only ${candles.length} exist)` : '';
  const tally =
    closed.length === 0
      ? '.'
      : closed.length === 1
        ? `; the one before it closed ${up ? 'up' : down ? 'down' : 'flat'}.`
        : `; of the ${closed.length} closed before it, ${up} rose and ${down} fell.`;
  return {
    text: `The last ${candles.length} ${q.timeframe} candles of ${q.symbol}${shown}, newest first: ${lead}${tally}`,
    figures: [
      {
        ...kit.priceFigure('Last price', q.symbol, last.close, kit.candleAsOf(last, q.timeframe)),
        tone: toneOf(change(last)),
      },
    ],
    table: { columns: ['Time (UTC)', 'Open', 'High', 'Low', 'Close', `Volume (${base})`, 'Change'], rows },
    sparkline: kit.sparkline(q.symbol, q.timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe },
    suggestions,
  };
}
