import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import { TIMEFRAME_MS } from '../../../../../shared/market.ts';
import type { Prediction, Scorecard } from '../../../../../shared/prediction.ts';
import type { Answer, AnswerKit, ChartQuestion } from '../answer-kit.ts';
import { formatShare, formatSpan, formatUtcTime } from '../format-numbers.ts';

/** Below this many scored forecasts the scorecard's figures are noise, and the answer says so. */
const FEW_SCORES = 30;

/** The scorecard, honestly: "no skill" when the MAE ratio is 1 or more, "not enough history" before any score. */
export function trackRecordWords(card: Scorecard): string {
  if (card.n === 0) return 'Track record: not enough history yet — none of these forecasts has been scored.';
  const parts: string[] = [];
  if (card.maeRatio !== undefined) {
    const skill = card.maeRatio >= 1 ? 'no skill: the last close did as well' : 'better than the last close';
    parts.push(`MAE ratio ${card.maeRatio.toFixed(2)} against the naive forecast (${skill})`);
  }
  if (card.coverage80 !== undefined && card.coverage95 !== undefined)
    parts.push(
      `the 80% range held ${formatShare(card.coverage80)} of the time and the 95% range ${formatShare(card.coverage95)}`,
    );
  if (card.hitRate !== undefined)
    parts.push(`the direction was right ${formatShare(card.hitRate)} of the time`);
  const rough = card.n < FEW_SCORES ? ` Only ${card.n} so far, so these figures are rough.` : '';
  return `Track record over the last ${card.n} scored forecasts: ${parts.join('; ')}.${rough}`;
}

function trackRecordFigures(card: Scorecard, asOf: number): ChatFigure[] {
  const figures: ChatFigure[] = [{ label: 'Scored forecasts', value: String(card.n), raw: card.n, asOf }];
  if (card.maeRatio !== undefined)
    figures.push({
      label: 'MAE ratio',
      value: card.maeRatio.toFixed(2),
      raw: card.maeRatio,
      asOf,
      tone: card.maeRatio < 1 ? 'up' : 'neutral',
    });
  if (card.coverage80 !== undefined)
    figures.push({ label: '80% coverage', value: formatShare(card.coverage80), raw: card.coverage80, asOf });
  if (card.coverage95 !== undefined)
    figures.push({ label: '95% coverage', value: formatShare(card.coverage95), raw: card.coverage95, asOf });
  return figures;
}

function forecastWords(p: Prediction, q: ChartQuestion, kit: AnswerKit): string {
  const end = p.path.at(-1)!;
  const price = (x: number) => kit.price(q.symbol, x);
  const span = formatSpan(p.horizon * TIMEFRAME_MS[q.timeframe]);
  const noDrift = end.yhat === p.from ? ' (the last close: the model assumes no drift)' : '';
  return (
    `Forecast for ${q.symbol} on ${q.timeframe}, ${p.horizon} candles ahead (${span}, to ${formatUtcTime(end.time, kit.now)}): ` +
    `central ${price(end.yhat)}${noDrift}; 80% range ${price(end.lower80)}–${price(end.upper80)}, ` +
    `95% range ${price(end.lower95)}–${price(end.upper95)}.`
  );
}

function directionWords(p: Prediction): string {
  const d = p.direction;
  if (d.samples === 0)
    return `P(up) ${formatShare(d.probabilityUp)}: no past cases of this indicator state yet, so a coin flip.`;
  const [lo, hi] = d.credible90;
  return `P(up) ${formatShare(d.probabilityUp)} (90% credible ${formatShare(lo)}–${formatShare(hi)}, from ${d.samples} past cases of this indicator state).`;
}

export async function answerForecast(q: ChartQuestion, kit: AnswerKit): Promise<Answer> {
  const [prediction, { candles }] = await Promise.all([
    kit.tools.prediction(q.symbol, q.timeframe),
    kit.recent(q.symbol, q.timeframe),
  ]);
  const base = kit.base(q.symbol);
  const other = kit.otherBase(q.symbol);
  const common = {
    sparkline: kit.sparkline(q.symbol, q.timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe },
  };
  if (!prediction) {
    return {
      text: `Not enough history yet to forecast ${q.symbol} on ${q.timeframe}, so there is no forecast and no track record to show.`,
      figures: [],
      ...common,
      suggestions: [`How is ${base} doing?`, `What about on ${q.timeframe === '1h' ? '4h' : '1h'}?`],
    };
  }

  const end = prediction.path.at(-1)!;
  const asOf = kit.analysisAsOf({ ...prediction, candleTime: prediction.lastCandleTime });
  const price = (x: number) => kit.price(q.symbol, x);
  const { regime, hurst } = prediction.regime;
  const regimeText = `Regime: ${regime}${hurst !== undefined ? ` (Hurst ${hurst.toFixed(2)})` : ''}.`;
  const forecastText = `${forecastWords(prediction, q, kit)} ${directionWords(prediction)} ${regimeText}`;
  const record = trackRecordWords(prediction.scorecard);
  const d = prediction.direction;
  return {
    text: q.trackRecord ? `${record} ${forecastText}` : `${forecastText} ${record}`,
    figures: [
      kit.priceFigure('Forecast (central)', q.symbol, end.yhat, asOf),
      { label: '80% range', value: `${price(end.lower80)}–${price(end.upper80)}`, asOf },
      { label: '95% range', value: `${price(end.lower95)}–${price(end.upper95)}`, asOf },
      {
        label: 'P(up)',
        value: formatShare(d.probabilityUp),
        raw: d.probabilityUp,
        asOf,
        tone: d.probabilityUp > 0.5 ? 'up' : d.probabilityUp < 0.5 ? 'down' : 'neutral',
      },
      ...trackRecordFigures(prediction.scorecard, asOf),
    ],
    ...common,
    suggestions: [
      q.trackRecord ? `Forecast for ${base}` : `How accurate are the ${base} forecasts?`,
      `Risk for ${base}`,
      ...(other ? [`And ${other}?`] : []),
    ],
  };
}
