import type {
  AnalysisSummary,
  Fractal,
  IndicatorValues,
  MomentumState,
  TrendDirection,
  TrendStrength,
  VolatilityRegime,
} from '../../../shared/analysis.ts';

export interface SummaryInput {
  symbol: string;
  timeframe: string;
  close: number;
  latest: IndicatorValues;
  /** ATR as % of close over the window, for judging today's volatility against its own history. */
  atrPercentHistory: number[];
  fractals: readonly Fractal[];
  candleCount: number;
  pricePrecision: number;
}

const LEVELS = 3;

/** ADX bands as commonly read: below 20 no trend to speak of, above 40 a very strong one. */
function strengthOf(adx: number | undefined): TrendStrength {
  if (adx === undefined || adx < 20) return 'weak';
  if (adx < 25) return 'moderate';
  if (adx < 40) return 'strong';
  return 'very strong';
}

function trendOf(close: number, v: IndicatorValues): TrendDirection {
  if (v.ema20 === undefined || v.ema50 === undefined) return 'sideways';
  if (v.adx14 && v.adx14.adx < 20) return 'sideways';
  const diUp = v.adx14 ? v.adx14.plusDI > v.adx14.minusDI : true;
  const diDown = v.adx14 ? v.adx14.minusDI > v.adx14.plusDI : true;
  if (v.ema20 > v.ema50 && close > v.ema50 && diUp) return 'up';
  if (v.ema20 < v.ema50 && close < v.ema50 && diDown) return 'down';
  return 'sideways';
}

function momentumOf(v: IndicatorValues): MomentumState {
  const rsi = v.rsi14;
  const hist = v.macd?.histogram;
  if (rsi === undefined) return 'neutral';
  if (rsi >= 70) return 'overbought';
  if (rsi <= 30) return 'oversold';
  if (rsi > 50 && (hist === undefined || hist > 0)) return 'bullish';
  if (rsi < 50 && (hist === undefined || hist < 0)) return 'bearish';
  return 'neutral';
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Today's ATR% against its median over the window: well above is high, well below is low. */
function volatilityOf(atrPercent: number | undefined, history: number[]): VolatilityRegime {
  const typical = median(history);
  if (atrPercent === undefined || typical === undefined || typical === 0) return 'normal';
  const ratio = atrPercent / typical;
  if (ratio >= 1.5) return 'high';
  if (ratio <= 0.67) return 'low';
  return 'normal';
}

/** Nearest distinct fractal prices below (support) and above (resistance) the close. */
function levelsOf(close: number, fractals: readonly Fractal[]): AnalysisSummary['levels'] {
  const distinct = (prices: number[]) =>
    prices.filter((p, i) => prices.findIndex((q) => Math.abs(q - p) / p < 0.001) === i).slice(0, LEVELS);
  const support = fractals.filter((f) => f.kind === 'low' && f.price < close).map((f) => f.price);
  const resistance = fractals.filter((f) => f.kind === 'high' && f.price > close).map((f) => f.price);
  return {
    support: distinct(support.sort((a, b) => b - a)),
    resistance: distinct(resistance.sort((a, b) => a - b)),
  };
}

export function summarize(input: SummaryInput): AnalysisSummary {
  const { latest: v, close } = input;
  const direction = trendOf(close, v);
  const strength = strengthOf(v.adx14?.adx);
  const momentum = momentumOf(v);
  const atrPercent = v.atr14 !== undefined ? (v.atr14 / close) * 100 : undefined;
  const regime = volatilityOf(atrPercent, input.atrPercentHistory);
  const levels = levelsOf(close, input.fractals);
  const price = (p: number) =>
    p.toLocaleString('en-US', {
      minimumFractionDigits: input.pricePrecision,
      maximumFractionDigits: input.pricePrecision,
    });

  const parts: string[] = [];
  if (v.ema50 === undefined) {
    parts.push(`not enough history for a trend yet (${input.candleCount} candles)`);
  } else {
    const trendText =
      direction === 'sideways' ? 'moving sideways' : `${direction === 'up' ? 'uptrend' : 'downtrend'}`;
    parts.push(`${trendText} (${strength}${v.adx14 ? `, ADX ${v.adx14.adx.toFixed(0)}` : ''})`);
  }
  parts.push(`momentum ${momentum}${v.rsi14 !== undefined ? ` (RSI ${v.rsi14.toFixed(0)})` : ''}`);
  parts.push(`${regime} volatility${atrPercent !== undefined ? ` (ATR ${atrPercent.toFixed(2)}%)` : ''}`);
  const near = [
    levels.support[0] !== undefined ? `support ${price(levels.support[0])}` : undefined,
    levels.resistance[0] !== undefined ? `resistance ${price(levels.resistance[0])}` : undefined,
  ].filter(Boolean);
  if (near.length > 0) parts.push(near.join(', '));

  return {
    trend: { direction, strength, ...(v.adx14 ? { adx: v.adx14.adx } : {}) },
    momentum: {
      state: momentum,
      ...(v.rsi14 !== undefined ? { rsi: v.rsi14 } : {}),
      ...(v.macd ? { macdHistogram: v.macd.histogram } : {}),
    },
    volatility: { regime, ...(atrPercent !== undefined ? { atrPercent } : {}) },
    levels,
    headline: `${input.symbol} ${input.timeframe}: ${parts.join('; ')}.`,
  };
}
