import type { Answer, AnswerKit, ChartQuestion } from '../answer-kit.ts';
import { formatReading } from '../format-numbers.ts';

/** The usual lines: RSI 70/30, stochastic %K 80/20. */
const LINES = {
  rsi: { over: 70, under: 30, name: 'RSI (14)' },
  stochastic: { over: 80, under: 20, name: 'the stochastic %K' },
} as const;

interface Gauge {
  name: string;
  value: number;
  over: number;
  under: number;
}

const isOver = (g: Gauge) => g.value >= g.over;
const isUnder = (g: Gauge) => g.value <= g.under;

/** "RSI (14) 74.2 is 70 or more", "the stochastic %K 61.0 is below 80". */
function against(g: Gauge, side: 'overbought' | 'oversold'): string {
  const value = formatReading(g.value);
  if (side === 'overbought')
    return isOver(g) ? `${g.name} ${value} is ${g.over} or more` : `${g.name} ${value} is below ${g.over}`;
  return isUnder(g) ? `${g.name} ${value} is ${g.under} or less` : `${g.name} ${value} is above ${g.under}`;
}

/** Yes, no or partly, for one side, from every gauge there is. */
function verdict(gauges: readonly Gauge[], side: 'overbought' | 'oversold', where: string): string {
  const test = side === 'overbought' ? isOver : isUnder;
  const hits = gauges.filter(test).length;
  const reasons = gauges.map((g) => against(g, side)).join(', and ');
  if (hits === gauges.length) return `Yes — ${where} is ${side}: ${reasons}.`;
  if (hits === 0) return `No — ${where} is not ${side}: ${reasons}.`;
  return `Partly — ${where} reads ${side} on one gauge only: ${reasons}.`;
}

/** "Is BTC overbought on 1h?" answered yes or no, with the readings and the lines they are read against. */
export async function answerOverbought(q: ChartQuestion, kit: AnswerKit): Promise<Answer> {
  const [analysis, { candles }] = await Promise.all([
    kit.tools.analysis(q.symbol, q.timeframe),
    kit.recent(q.symbol, q.timeframe),
  ]);
  const { rsi14, stochastic } = analysis.latest;
  const base = kit.base(q.symbol);
  const where = `${q.symbol} on ${q.timeframe}`;
  const common = {
    sparkline: kit.sparkline(q.symbol, q.timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe },
    suggestions: [
      `What about on ${q.timeframe === '4h' ? '1d' : '4h'}?`,
      `How is ${base} doing?`,
      `Support and resistance for ${base}`,
    ],
  };
  if (rsi14 === undefined)
    return {
      text: `Not enough history on ${where} to tell: RSI needs 15 candles and there are ${analysis.candleCount}.`,
      figures: [],
      ...common,
    };

  // Judged on the values as shown, so "80.0" is never said to be below 80.
  const shown = (x: number) => Number(formatReading(x));
  const gauges: Gauge[] = [{ ...LINES.rsi, value: shown(rsi14) }];
  if (stochastic) gauges.push({ ...LINES.stochastic, value: shown(stochastic.k) });
  const side = q.overbought ?? 'overbought';
  let text: string;
  if (side === 'either') {
    const over = gauges.some(isOver);
    const under = gauges.some(isUnder);
    text = over
      ? verdict(gauges, 'overbought', where)
      : under
        ? verdict(gauges, 'oversold', where)
        : `Neither — ${where} is neither overbought nor oversold: ${gauges.map((g) => `${g.name} ${formatReading(g.value)} is between ${g.under} and ${g.over}`).join(', and ')}.`;
  } else {
    text = verdict(gauges, side, where);
    // Asked whether it is overbought while it is oversold (or the reverse): say so, it matters more.
    const other = side === 'overbought' ? 'oversold' : 'overbought';
    const opposite = gauges.filter(side === 'overbought' ? isUnder : isOver);
    if (opposite.length > 0) {
      const names = opposite.map((g) => g.name).join(' and ');
      text += ` ${names[0]!.toUpperCase()}${names.slice(1)} ${opposite.length > 1 ? 'read' : 'reads'} ${other} instead.`;
    }
  }

  const asOf = kit.analysisAsOf(analysis);
  return {
    text,
    figures: gauges.map((g) => ({
      label: g === gauges[0] ? 'RSI (14)' : 'Stochastic %K',
      value: formatReading(g.value),
      raw: g.value,
      asOf,
    })),
    ...common,
  };
}
