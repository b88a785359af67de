import type { Answer, AnswerKit, ResolvedQuestion } from '../answer-kit.ts';
import { toneOf } from '../answer-kit.ts';
import { formatPercent, formatSpan } from '../format-numbers.ts';
import { candlesForSpan, priceChange } from '../price-change.ts';
import { rollingDayChange } from '../rolling-day-change.ts';
import { DAY_MS } from '../../../../../shared/tickers.ts';

/** "BTC/USDT is at 49,239.20, +2.35% over the last 24 hours (range 47,800.00–49,500.00)." */
export async function answerPrice(q: ResolvedQuestion, kit: AnswerKit): Promise<Answer> {
  const { timeframe, limit } = candlesForSpan(DAY_MS);
  const candles = await kit.tools.candles(q.symbol, timeframe, limit);
  // The ticker's 24 hours, to the digit the header and the watchlist show.
  const change = (await rollingDayChange(kit.tools, q.symbol)) ?? priceChange(candles, timeframe, DAY_MS);
  const base = kit.base(q.symbol);
  const other = kit.otherBase(q.symbol);
  const suggestions = [`How is ${base} doing?`, `Forecast for ${base}`, ...(other ? [`And ${other}?`] : [])];
  if (!change) return { text: `There are no candles for ${q.symbol} yet.`, figures: [], suggestions };

  const asOf = change.last.time;
  const span = change.spanMs >= DAY_MS ? '24 hours' : formatSpan(change.spanMs);
  const short = change.spanMs < DAY_MS ? ' (the history reaches back only that far)' : '';
  const price = (x: number) => kit.price(q.symbol, x);
  return {
    text:
      `${q.symbol} is at ${price(change.last.close)}, ${formatPercent(change.percent)} over the last ${span}${short}; ` +
      `range ${price(change.low)}–${price(change.high)}.`,
    figures: [
      kit.priceFigure('Last price', q.symbol, change.last.close, asOf, toneOf(change.percent)),
      {
        label: `Change ${span}`,
        value: formatPercent(change.percent),
        raw: change.percent,
        asOf,
        tone: toneOf(change.percent),
      },
      kit.priceFigure(`High ${span}`, q.symbol, change.high, asOf),
      kit.priceFigure(`Low ${span}`, q.symbol, change.low, asOf),
    ],
    sparkline: kit.sparkline(q.symbol, timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe ?? timeframe },
    suggestions,
  };
}
