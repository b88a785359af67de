import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import type { Answer, AnswerKit, ChartQuestion } from '../answer-kit.ts';

export async function answerRisk(q: ChartQuestion, kit: AnswerKit): Promise<Answer> {
  const [analysis, prediction, { candles }] = await Promise.all([
    kit.tools.analysis(q.symbol, q.timeframe),
    kit.tools.prediction(q.symbol, q.timeframe),
    kit.recent(q.symbol, q.timeframe),
  ]);
  const { volatility } = analysis.summary;
  const atr = volatility.atrPercent;
  const volText = `volatility is ${volatility.regime}${atr !== undefined ? ` (ATR ${atr.toFixed(2)}% of price)` : ''}`;
  const figures: ChatFigure[] = [];
  if (atr !== undefined)
    figures.push({
      label: 'ATR % of price',
      value: `${atr.toFixed(2)}%`,
      raw: atr,
      asOf: kit.analysisAsOf(analysis),
    });
  const base = kit.base(q.symbol);
  const common = {
    sparkline: kit.sparkline(q.symbol, q.timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe },
    suggestions: [`Forecast for ${base}`, `Support and resistance for ${base}`, `How is ${base} doing?`],
  };
  if (!prediction) {
    return {
      text: `Not enough history yet for a full risk read of ${q.symbol} on ${q.timeframe}; ${volText}.`,
      figures,
      ...common,
    };
  }

  const { risk, anomalies, regime, confluence } = prediction;
  const asOf = kit.analysisAsOf({ ...prediction, candleTime: prediction.lastCandleTime });
  const reasons = risk.reasons.length > 0 ? ` — ${risk.reasons.join('; ')}` : ' — nothing stands out';
  const anomalyText =
    anomalies.length > 0
      ? `Anomalies on the last candle: ${anomalies.map((a) => a.detail).join('; ')}.`
      : 'No anomalies on the last candle.';
  const byTimeframe = Object.entries(confluence.byTimeframe)
    .map(([tf, d]) => `${tf} ${d}`)
    .join(', ');
  const confluenceText = confluence.agree
    ? `Timeframes agree: ${confluence.direction} (${byTimeframe}).`
    : `Timeframes do not agree${byTimeframe ? ` (${byTimeframe})` : ''}.`;
  const hurst = regime.hurst !== undefined ? ` (Hurst ${regime.hurst.toFixed(2)})` : '';
  figures.unshift({
    label: 'Risk',
    value: risk.level,
    asOf,
    tone: risk.level === 'high' ? 'down' : risk.level === 'low' ? 'up' : 'neutral',
  });
  figures.push(
    { label: 'Anomalies', value: String(anomalies.length), raw: anomalies.length, asOf },
    {
      label: 'Regime',
      value: regime.regime,
      ...(regime.hurst !== undefined ? { raw: regime.hurst } : {}),
      asOf,
    },
  );
  return {
    text:
      `Risk for ${q.symbol} on ${q.timeframe}: ${risk.level}${reasons}. ${anomalyText} ` +
      `${volText[0]!.toUpperCase()}${volText.slice(1)}; the market reads as ${regime.regime}${hurst}. ${confluenceText}`,
    figures,
    ...common,
  };
}
