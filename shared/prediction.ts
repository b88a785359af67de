import type { TrendDirection } from './analysis.ts';
import type { Timeframe } from './market.ts';

/**
 * Closed candles a stream needs before it is forecast: the volatility model's 60-candle warm-up and
 * a horizon's worth of past moves (server/src/predict/forecast.ts; its test holds the two equal). The
 * client says so instead of leaving the forecast silently missing.
 */
export const FORECAST_MIN_CLOSED_CANDLES = 70;

/** One step of a forecast path: the central value and the 80 % and 95 % intervals of the close. */
export interface ForecastStep {
  /** Open time of the forecast candle (ms). */
  time: number;
  yhat: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

/** Probability that the close H candles ahead is above the last close, from a Beta-Bernoulli. */
export interface DirectionForecast {
  /** The discretised indicator state it was learned for, e.g. `rsi>60|macd+|above50`. */
  state: string;
  probabilityUp: number;
  /** 90 % credible interval of probabilityUp. */
  credible90: [number, number];
  /** Outcomes seen in this state so far. */
  samples: number;
}

export type Regime = 'trending' | 'random' | 'mean-reverting';
export type RiskLevel = 'low' | 'medium' | 'high';

export interface Anomaly {
  kind: 'volume' | 'return' | 'jump';
  /** Standard deviations from normal. */
  z: number;
  detail: string;
}

/** A rolling scorecard of scored forecasts; a figure is absent until there is something to score. */
export interface Scorecard {
  n: number;
  /** MAE of the forecast over MAE of the naive one (last close); < 1 means skill. */
  maeRatio?: number;
  coverage80?: number;
  coverage95?: number;
  hitRate?: number;
  brier?: number;
  /** The database could not be read: the figures are unknown, not zero. */
  unavailable?: true;
}

export interface Prediction {
  symbol: string;
  timeframe: Timeframe;
  source: string;
  model: string;
  /** When it was computed (ms). */
  computedAt: number;
  /** Open time of the last closed candle the forecast starts from. */
  lastCandleTime: number;
  /** Close of that candle. */
  from: number;
  horizon: number;
  /** Volatility per candle (log return) at the last candle. */
  sigma: number;
  path: ForecastStep[];
  direction: DirectionForecast;
  regime: { regime: Regime; hurst?: number };
  confluence: {
    agree: boolean;
    direction: TrendDirection;
    byTimeframe: Partial<Record<Timeframe, TrendDirection>>;
  };
  anomalies: Anomaly[];
  risk: { level: RiskLevel; reasons: string[] };
  /** How this stream's forecasts of this model have done, over the latest scored ones. */
  scorecard: Scorecard;
}
