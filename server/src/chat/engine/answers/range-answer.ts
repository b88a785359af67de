import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import { TIMEFRAME_MS } from '../../../../../shared/market.ts';
import type { Answer, AnswerKit, ResolvedQuestion } from '../answer-kit.ts';
import { formatSpan, formatUtcTime } from '../format-numbers.ts';
import { DEFAULT_PERIOD, periodLabel, periodMs } from '../period-words.ts';
import { candlesForSpan } from '../price-change.ts';

type Field = 'high' | 'low' | 'open';

/** "BTC high today", "the low of ETH this week", "where did SOL open today": the field asked first. */
export async function answerRange(q: ResolvedQuestion, kit: AnswerKit): Promise<Answer> {
  const period = q.period ?? DEFAULT_PERIOD;
  const ms = Math.max(periodMs(period, kit.now), 60_000);
  const { timeframe, limit } = candlesForSpan(ms);
  const candles = await kit.tools.candles(q.symbol, timeframe, limit);
  const base = kit.base(q.symbol);
  const suggestions = [
    `How much did ${base} move ${period === 'today' ? 'today' : 'this week'}?`,
    `Support and resistance for ${base}`,
    `Volume of ${base}`,
  ];
  const last = candles.at(-1);
  if (!last) return { text: `There are no candles for ${q.symbol} yet.`, figures: [], suggestions };

  const step = TIMEFRAME_MS[timeframe];
  const end = last.time + step;
  const start = end - Math.ceil(ms / step) * step;
  const inside = candles.filter((c) => c.time >= start);
  // The period's open is the open of its first candle; when history is shorter, of the oldest one.
  const first = inside[0]!;
  const high = inside.reduce((a, c) => (c.high > a.high ? c : a));
  const low = inside.reduce((a, c) => (c.low < a.low ? c : a));
  const covered = end - first.time;
  const label =
    covered < end - start
      ? `over the last ${formatSpan(covered)} (all the history there is)`
      : periodLabel(period);
  const price = (x: number) => kit.price(q.symbol, x);
  const at = (time: number) => formatUtcTime(time, kit.now);
  const asOf = kit.candleAsOf(last, timeframe);
  const parts: Record<Field, string> = {
    // To the candle read: "around 15:15 UTC" is the 5-minute candle that opened then.
    high: `high ${price(high.high)} around ${at(high.time)}`,
    low: `low ${price(low.low)} around ${at(low.time)}`,
    open: `open ${price(first.open)} at ${at(first.time)}`,
  };
  const asked = q.rangeFields?.length ? q.rangeFields : (['high', 'low'] as Field[]);
  const order = [...asked, ...(['high', 'low', 'open'] as Field[]).filter((f) => !asked.includes(f))];
  const figureOf: Record<Field, ChatFigure> = {
    high: kit.priceFigure('High', q.symbol, high.high, asOf),
    low: kit.priceFigure('Low', q.symbol, low.low, asOf),
    open: kit.priceFigure('Open', q.symbol, first.open, asOf),
  };
  const list = order.map((f) => parts[f]).join(', ');
  return {
    text: `${q.symbol} ${label}: ${list[0]!.toUpperCase()}${list.slice(1)}; last ${price(last.close)}.`,
    figures: [...order.map((f) => figureOf[f]), kit.priceFigure('Last price', q.symbol, last.close, asOf)],
    sparkline: kit.sparkline(q.symbol, timeframe, candles),
    chart: { symbol: q.symbol, timeframe },
    suggestions,
  };
}
