import type { Answer, AnswerKit, ResolvedQuestion } from '../answer-kit.ts';
import { toneOf } from '../answer-kit.ts';
import { formatPercent, formatSpan } from '../format-numbers.ts';
import { DEFAULT_PERIOD, periodLabel, periodMs } from '../period-words.ts';
import { candlesForSpan, priceChange } from '../price-change.ts';
import { rollingDayChange } from '../rolling-day-change.ts';
import { DAY_MS } from '../../../../../shared/tickers.ts';

/** "BTC/USDT moved +3.21% over the last 7 days, from 46,000.00 to 49,239.20; range …." */
export async function answerChange(q: ResolvedQuestion, kit: AnswerKit): Promise<Answer> {
  const period = q.period ?? DEFAULT_PERIOD;
  // "today" a minute after midnight is still a span of one candle.
  const ms = Math.max(periodMs(period, kit.now), 60_000);
  const { timeframe, limit } = candlesForSpan(ms);
  const candles = await kit.tools.candles(q.symbol, timeframe, limit);
  // The last 24 hours are the ticker's, to the digit the header and the watchlist show.
  const change =
    (ms === DAY_MS ? await rollingDayChange(kit.tools, q.symbol) : undefined) ??
    priceChange(candles, timeframe, ms);
  const base = kit.base(q.symbol);
  const other = kit.otherBase(q.symbol);
  const longer = period === '7d' ? 'this month' : 'this week';
  const suggestions = [`${base} ${longer}?`, `How is ${base} doing?`, ...(other ? [`And ${other}?`] : [])];
  if (!change) return { text: `There are no candles for ${q.symbol} yet.`, figures: [], suggestions };

  const asOf = change.last.time;
  const short = change.spanMs < ms;
  const label = short
    ? `over the last ${formatSpan(change.spanMs)} (all the history there is)`
    : periodLabel(period);
  const price = (x: number) => kit.price(q.symbol, x);
  const size = `${Math.abs(change.percent).toFixed(2)}%`;
  const moved =
    change.percent > 0 ? `is up ${size}` : change.percent < 0 ? `is down ${size}` : 'is unchanged';
  return {
    text:
      `${q.symbol} ${moved} ${label}, from ${price(change.reference)} ` +
      `to ${price(change.last.close)}; range ${price(change.low)}–${price(change.high)}.`,
    figures: [
      {
        label: 'Change',
        value: formatPercent(change.percent),
        raw: change.percent,
        asOf,
        tone: toneOf(change.percent),
      },
      kit.priceFigure('From', q.symbol, change.reference, asOf),
      kit.priceFigure('Last price', q.symbol, change.last.close, asOf, toneOf(change.percent)),
      kit.priceFigure('High', q.symbol, change.high, asOf),
      kit.priceFigure('Low', q.symbol, change.low, asOf),
    ],
    sparkline: kit.sparkline(q.symbol, timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe ?? timeframe },
    suggestions,
  };
}
