import type { Analysis } from '../../../../../shared/analysis.ts';
import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import type { Answer, AnswerKit, ChartQuestion } from '../answer-kit.ts';
import { toneOf } from '../answer-kit.ts';
import { formatPercent, formatReading, formatSpan } from '../format-numbers.ts';
import { DEFAULT_PERIOD, periodLabel, periodMs } from '../period-words.ts';
import { candlesForSpan, priceChange, type PriceChange } from '../price-change.ts';
import { trendClause, trendFigure } from './trend-answer.ts';

interface Side {
  symbol: string;
  base: string;
  analysis: Analysis;
  change: PriceChange | undefined;
}

export async function answerCompare(
  q: ChartQuestion & { compareWith: string },
  kit: AnswerKit,
): Promise<Answer> {
  const period = q.period ?? DEFAULT_PERIOD;
  const ms = Math.max(periodMs(period, kit.now), 60_000);
  const span = candlesForSpan(ms);
  const read = async (
    symbol: string,
  ): Promise<Side & { candles: Awaited<ReturnType<typeof kit.tools.candles>> }> => {
    const [analysis, candles] = await Promise.all([
      kit.tools.analysis(symbol, q.timeframe),
      kit.tools.candles(symbol, span.timeframe, span.limit),
    ]);
    return {
      symbol,
      base: kit.base(symbol),
      analysis,
      candles,
      change: priceChange(candles, span.timeframe, ms),
    };
  };
  const [a, b] = await Promise.all([read(q.symbol), read(q.compareWith)]);

  // "+3.23% to 50,138.09": the move and where it left the price, so "BTC and ETH price" is answered too.
  const changeOf = (s: Side) =>
    s.change
      ? `${formatPercent(s.change.percent)} to ${kit.price(s.symbol, s.change.last.close)}`
      : 'no data';
  const covered = Math.min(a.change?.spanMs ?? ms, b.change?.spanMs ?? ms);
  const label = covered < ms ? `over the last ${formatSpan(covered)}` : periodLabel(period);
  const lead = (() => {
    if (!a.change || !b.change) return '.';
    const gap = a.change.percent - b.change.percent;
    const [ahead, behind] = gap >= 0 ? [a, b] : [b, a];
    if (Math.abs(gap) < 0.005) return ' — level.';
    return ` — ${ahead.base} ahead of ${behind.base} by ${Math.abs(gap).toFixed(2)} points.`;
  })();
  const rsi = (s: Side) =>
    s.analysis.latest.rsi14 !== undefined ? `, RSI ${formatReading(s.analysis.latest.rsi14)}` : '';
  const text =
    `${a.symbol} vs ${b.symbol} ${label}: ${a.base} ${changeOf(a)}, ${b.base} ${changeOf(b)}${lead} ` +
    `On ${q.timeframe}, ${a.base} ${trendClause(a.analysis)}${rsi(a)}; ${b.base} ${trendClause(b.analysis)}${rsi(b)}.`;

  const figuresOf = (s: Side): ChatFigure[] => [
    ...(s.change
      ? [
          {
            label: `${s.base} change`,
            value: formatPercent(s.change.percent),
            raw: s.change.percent,
            asOf: kit.candleAsOf(s.change.last, span.timeframe),
            tone: toneOf(s.change.percent),
          },
        ]
      : []),
    { ...trendFigure(s.analysis, kit.analysisAsOf(s.analysis)), label: `${s.base} trend` },
    ...(s.analysis.latest.rsi14 !== undefined
      ? [
          {
            label: `${s.base} RSI (14)`,
            value: formatReading(s.analysis.latest.rsi14),
            raw: s.analysis.latest.rsi14,
            asOf: kit.analysisAsOf(s.analysis),
          },
        ]
      : []),
  ];
  return {
    text,
    figures: [...figuresOf(a), ...figuresOf(b)],
    sparkline: kit.sparkline(a.symbol, span.timeframe, a.candles),
    chart: { symbol: a.symbol, timeframe: q.timeframe },
    suggestions: [
      `Forecast for ${a.base}`,
      `Forecast for ${b.base}`,
      `Compare ${a.base} and ${b.base} this week`,
    ],
  };
}

export function answerCompareWithWhat(symbol: string, kit: AnswerKit): Answer {
  const others = kit.tools
    .symbols()
    .filter((s) => s.symbol !== symbol)
    .map((s) => s.base);
  return {
    text: `Compare ${symbol} with which? I also have ${others.join(', ')}.`,
    figures: [],
    suggestions: others.slice(0, 3).map((o) => `Compare ${kit.base(symbol)} and ${o}`),
  };
}
