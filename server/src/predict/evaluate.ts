import type { Candle } from '../../../shared/market.ts';
import { LiveIndicators } from '../analysis/live-indicators.ts';
import { DirectionModel, directionState } from './direction.ts';
import { forecast } from './forecast.ts';
import { scorePrediction, summarizeScores, type PredictionScore } from './score.ts';

export interface EvaluationResult {
  /** Forecasts scored. */
  n: number;
  /** MAE of the central forecast at the horizon over MAE of the naive one (the last close); < 1 is skill. */
  maeRatio: number;
  /** Share of actual closes at the horizon inside the 80 % and 95 % intervals. */
  coverage80: number;
  coverage95: number;
  /** Share of Bayesian directions (P(up) > 0.5 → up) that were right; P = 0.5 counts as a miss. */
  hitRate: number;
  /** Mean squared error of P(up) against what happened. */
  brier: number;
  /** Mean time of one fit: forecast plus direction estimate. */
  msPerFit: number;
}

export interface EvaluationOptions {
  horizon: number;
  /** Candles before the first forecast. */
  warmup?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Walks forward through recorded candles as the live system would: at each candle it fits on the
 * past only, issues a forecast and a direction, and scores them H candles later. The direction
 * model learns online, from outcomes as they become known.
 */
export function evaluateForecasts(candles: readonly Candle[], options: EvaluationOptions): EvaluationResult {
  const H = options.horizon;
  const warmup = options.warmup ?? 300;
  const live = new LiveIndicators();
  const direction = new DirectionModel();
  const states: string[] = [];
  const scores: PredictionScore[] = [];
  let fitMs = 0;
  const last = candles.length - 1 - H;
  for (let t = 0; t <= last; t++) {
    const values = live.update(candles[t]!);
    states[t] = directionState(values, candles[t]!.close);
    // What happened to the moment H candles ago is known now.
    if (t - H >= 0) direction.observe(states[t - H]!, candles[t]!.close > candles[t - H]!.close);
    if (t < warmup) continue;

    const started = performance.now();
    const f = forecast(candles.slice(Math.max(0, t - 999), t + 1), { horizon: H });
    const estimate = direction.estimate(states[t]!);
    fitMs += performance.now() - started;
    if (!f) continue;
    scores.push(scorePrediction(f, estimate, candles[t + H]!.close));
    if (options.onProgress && t % 500 === 0) options.onProgress(t - warmup, last - warmup);
  }
  options.onProgress?.(last - warmup, last - warmup);
  const card = summarizeScores(scores);
  return {
    n: card.n,
    maeRatio: card.maeRatio ?? 1,
    coverage80: card.coverage80 ?? 0,
    coverage95: card.coverage95 ?? 0,
    hitRate: card.hitRate ?? 0,
    brier: card.brier ?? 0,
    msPerFit: fitMs / Math.max(1, card.n),
  };
}
