import type { Timeframe } from './market.ts';

/** Indicator values at one candle; a field is absent until there are enough candles for it. */
export interface IndicatorValues {
  sma20?: number;
  sma50?: number;
  sma200?: number;
  ema20?: number;
  ema50?: number;
  ema200?: number;
  rsi14?: number;
  macd?: { macd: number; signal: number; histogram: number };
  bollinger?: { upper: number; middle: number; lower: number };
  atr14?: number;
  stochastic?: { k: number; d: number };
  adx14?: { adx: number; plusDI: number; minusDI: number };
  /** On-balance volume, accumulated over the analysed window. */
  obv?: number;
  /** Volume-weighted average price since 00:00 UTC of the candle's day. */
  vwap?: number;
}

/** A Williams fractal: a high (resistance) or low (support) with two lower highs / higher lows each side. */
export interface Fractal {
  time: number;
  kind: 'high' | 'low';
  price: number;
}

export type TrendDirection = 'up' | 'down' | 'sideways';
export type TrendStrength = 'weak' | 'moderate' | 'strong' | 'very strong';
export type MomentumState = 'overbought' | 'bullish' | 'neutral' | 'bearish' | 'oversold';
export type VolatilityRegime = 'low' | 'normal' | 'high';

export interface AnalysisSummary {
  trend: { direction: TrendDirection; strength: TrendStrength; adx?: number };
  momentum: { state: MomentumState; rsi?: number; macdHistogram?: number };
  volatility: { regime: VolatilityRegime; atrPercent?: number };
  /** Nearest first: supports below the last close, resistances above it. */
  levels: { support: number[]; resistance: number[] };
  /** One plain-language line, e.g. "BTC/USDT 15m: uptrend (strong), momentum bullish (RSI 61), …". */
  headline: string;
}

/** Indicator history aligned with candle open times, for drawing; null where not yet defined. */
export interface IndicatorSeries {
  time: number[];
  ema20: Array<number | null>;
  ema50: Array<number | null>;
  ema200: Array<number | null>;
  bollingerUpper: Array<number | null>;
  bollingerMiddle: Array<number | null>;
  bollingerLower: Array<number | null>;
  rsi14: Array<number | null>;
  macd: Array<number | null>;
  macdSignal: Array<number | null>;
  macdHistogram: Array<number | null>;
}

export interface Analysis {
  symbol: string;
  timeframe: Timeframe;
  /** Market source id, e.g. `replay` or `binance`. */
  source: string;
  /** When it was computed (ms). */
  computedAt: number;
  /** Open time of the newest candle included (the forming one at computation time). */
  candleTime: number;
  /** How many candles it was computed from. */
  candleCount: number;
  latest: IndicatorValues;
  summary: AnalysisSummary;
  /** The most recent fractals, oldest first. */
  fractals: Fractal[];
  /** Present in the subscribe ack and GET /api/analysis; left out of pushed `analysis` events. */
  series?: IndicatorSeries;
}
