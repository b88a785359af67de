import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import type { Answer, AnswerKit, ChartQuestion } from '../answer-kit.ts';
import { formatPercent } from '../format-numbers.ts';

export async function answerLevels(q: ChartQuestion, kit: AnswerKit): Promise<Answer> {
  const [analysis, { candles, last }] = await Promise.all([
    kit.tools.analysis(q.symbol, q.timeframe),
    kit.recent(q.symbol, q.timeframe),
  ]);
  const { support, resistance } = analysis.summary.levels;
  const asOf = kit.analysisAsOf(analysis);
  const price = (x: number) => kit.price(q.symbol, x);
  const distance = (x: number) => {
    if (!last) return '';
    const pct = ((x - last.close) / last.close) * 100;
    return ` (${formatPercent(pct)})`;
  };
  const list = (xs: number[], none: string) =>
    xs.length > 0 ? xs.map((x) => `${price(x)}${distance(x)}`).join(', ') : none;
  const b = analysis.latest.bollinger;
  const parts = [
    `Levels for ${q.symbol} on ${q.timeframe}${last ? `, last price ${price(last.close)}` : ''}`,
    `support ${list(support, 'none below the price in the analysed window')}`,
    `resistance ${list(resistance, 'none above the price in the analysed window')}`,
  ];
  const bands = b ? ` The Bollinger bands run from ${price(b.lower)} to ${price(b.upper)}.` : '';

  const figures: ChatFigure[] = [];
  if (last)
    figures.push(kit.priceFigure('Last price', q.symbol, last.close, kit.candleAsOf(last, q.timeframe)));
  support.forEach((x, i) => figures.push(kit.priceFigure(`Support ${i + 1}`, q.symbol, x, asOf, 'up')));
  resistance.forEach((x, i) =>
    figures.push(kit.priceFigure(`Resistance ${i + 1}`, q.symbol, x, asOf, 'down')),
  );
  const base = kit.base(q.symbol);
  return {
    text: `${parts[0]}: ${parts[1]}; ${parts[2]}. These are the nearest Williams fractals, nearest first.${bands}`,
    figures,
    sparkline: kit.sparkline(q.symbol, q.timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe },
    suggestions: [
      `What about on ${q.timeframe === '4h' ? '1d' : '4h'}?`,
      `Forecast for ${base}`,
      `Risk for ${base}`,
    ],
  };
}
