import type { Analysis } from '../../../../../shared/analysis.ts';
import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import type { Answer, AnswerKit, ChartQuestion } from '../answer-kit.ts';
import { formatPrice, formatReading } from '../format-numbers.ts';

/** "uptrend (strong, ADX 32)", as the dashboard's summary card says it. */
export function trendWords(analysis: Analysis): string {
  const { trend } = analysis.summary;
  if (analysis.latest.ema50 === undefined)
    return `not enough history for a trend yet (${analysis.candleCount} candles)`;
  const what =
    trend.direction === 'up' ? 'uptrend' : trend.direction === 'down' ? 'downtrend' : 'moving sideways';
  return `${what} (${trend.strength}${trend.adx !== undefined ? `, ADX ${trend.adx.toFixed(0)}` : ''})`;
}

/** The trend as a verb phrase: "is in an uptrend (strong, ADX 32)", "is moving sideways (weak)". */
export function trendClause(analysis: Analysis): string {
  const words = trendWords(analysis);
  if (analysis.latest.ema50 === undefined)
    return `has too little history for a trend yet (${analysis.candleCount} candles)`;
  if (words.startsWith('moving')) return `is ${words}`;
  return `is in ${words.startsWith('up') ? 'an' : 'a'} ${words}`;
}

export function trendFigure(analysis: Analysis, asOf: number): ChatFigure {
  const { direction, strength } = analysis.summary.trend;
  const name = direction === 'up' ? 'Uptrend' : direction === 'down' ? 'Downtrend' : 'Sideways';
  return {
    label: 'Trend',
    value: analysis.latest.ema50 === undefined ? 'Not enough history' : `${name}, ${strength}`,
    asOf,
    tone: direction === 'up' ? 'up' : direction === 'down' ? 'down' : 'neutral',
  };
}

/** "momentum bullish (RSI 61)". */
export function momentumWords(analysis: Analysis): string {
  const { momentum } = analysis.summary;
  return `momentum ${momentum.state}${momentum.rsi !== undefined ? ` (RSI ${formatReading(momentum.rsi)})` : ''}`;
}

/** Where the close sits against the EMAs the chart draws: "above EMA 50 (48,700.00) and EMA 200 (…)". */
function averagesWords(analysis: Analysis, close: number, precision: number): string | undefined {
  const { ema50, ema200 } = analysis.latest;
  const side = (x: number) => (close >= x ? 'above' : 'below');
  const p = (x: number) => formatPrice(x, precision);
  if (ema50 === undefined) return undefined;
  if (ema200 === undefined) return `price ${side(ema50)} EMA 50 (${p(ema50)})`;
  if (side(ema50) === side(ema200))
    return `price ${side(ema50)} EMA 50 (${p(ema50)}) and EMA 200 (${p(ema200)})`;
  return `price ${side(ema50)} EMA 50 (${p(ema50)}) but ${side(ema200)} EMA 200 (${p(ema200)})`;
}

export async function answerTrend(q: ChartQuestion, kit: AnswerKit): Promise<Answer> {
  const [analysis, { candles, last }] = await Promise.all([
    kit.tools.analysis(q.symbol, q.timeframe),
    kit.recent(q.symbol, q.timeframe),
  ]);
  const { summary } = analysis;
  const precision = kit.info(q.symbol).pricePrecision;
  const asOf = kit.analysisAsOf(analysis);
  const support = summary.levels.support[0];
  const resistance = summary.levels.resistance[0];
  const atr = summary.volatility.atrPercent;
  const parts = [
    `${q.symbol} on ${q.timeframe}: ${trendWords(analysis)}`,
    last ? averagesWords(analysis, last.close, precision) : undefined,
    momentumWords(analysis),
    `${summary.volatility.regime} volatility${atr !== undefined ? ` (ATR ${atr.toFixed(2)}% of price)` : ''}`,
    [
      support !== undefined ? `nearest support ${kit.price(q.symbol, support)}` : undefined,
      resistance !== undefined ? `resistance ${kit.price(q.symbol, resistance)}` : undefined,
    ]
      .filter(Boolean)
      .join(', ') || undefined,
  ].filter(Boolean);

  const figures: ChatFigure[] = [trendFigure(analysis, asOf)];
  if (last)
    figures.push(kit.priceFigure('Last price', q.symbol, last.close, kit.candleAsOf(last, q.timeframe)));
  if (summary.momentum.rsi !== undefined)
    figures.push({
      label: 'RSI (14)',
      value: formatReading(summary.momentum.rsi),
      raw: summary.momentum.rsi,
      asOf,
    });
  if (atr !== undefined)
    figures.push({ label: 'ATR % of price', value: `${atr.toFixed(2)}%`, raw: atr, asOf });
  if (support !== undefined) figures.push(kit.priceFigure('Support', q.symbol, support, asOf));
  if (resistance !== undefined) figures.push(kit.priceFigure('Resistance', q.symbol, resistance, asOf));

  const base = kit.base(q.symbol);
  const other = kit.otherBase(q.symbol);
  return {
    text: `${parts.join('; ')}.`,
    figures,
    sparkline: kit.sparkline(q.symbol, q.timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe },
    suggestions: [
      `Forecast for ${base} on ${q.timeframe}`,
      `What about on ${q.timeframe === '4h' ? '1d' : '4h'}?`,
      ...(other ? [`And ${other}?`] : []),
    ],
  };
}
