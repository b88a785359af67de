import type { Answer, AnswerKit, ChartQuestion } from '../answer-kit.ts';
import { readIndicator } from '../indicator-readings.ts';
import type { IndicatorId } from '../indicator-words.ts';

/** What "indicators for BTC" shows when no single one is named. */
const KEY_INDICATORS: readonly IndicatorId[] = ['rsi14', 'macd', 'ema'];

/** Suggests the indicator a trader usually checks next. */
const NEXT: Partial<Record<IndicatorId, string>> = {
  rsi14: 'MACD',
  macd: 'RSI',
  bollinger: 'ATR',
  atr14: 'Bollinger bands',
};

export async function answerIndicator(q: ChartQuestion, kit: AnswerKit): Promise<Answer> {
  const [analysis, { candles, last }] = await Promise.all([
    kit.tools.analysis(q.symbol, q.timeframe),
    kit.recent(q.symbol, q.timeframe),
  ]);
  const input = {
    analysis,
    close: last?.close,
    recent: candles,
    pricePrecision: kit.info(q.symbol).pricePrecision,
    asOf: kit.analysisAsOf(analysis),
  };
  const name = `${q.symbol} on ${q.timeframe}`;
  const ids = q.indicators ?? (q.indicator ? [q.indicator] : KEY_INDICATORS);
  const readings = ids.map((id) => readIndicator(id, input, name));
  const base = kit.base(q.symbol);
  const other = kit.otherBase(q.symbol);
  const next = (q.indicator && NEXT[q.indicator]) ?? 'trend';
  return {
    text: readings.map((r) => r.text).join(' '),
    figures: readings.flatMap((r) => r.figures),
    sparkline: kit.sparkline(q.symbol, q.timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe },
    suggestions: [
      ...(other ? [`And ${other}?`] : []),
      `What about on ${q.timeframe === '15m' ? '4h' : '15m'}?`,
      next === 'trend' ? `How is ${base} doing?` : `${next} of ${base}`,
    ],
  };
}
