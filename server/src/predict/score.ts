import type { Scorecard } from '../../../shared/prediction.ts';
import type { DirectionEstimate } from './direction.ts';
import type { Forecast } from './forecast.ts';

/** How one forecast did, once the close at its horizon is known. */
export interface PredictionScore {
  actual: number;
  absError: number;
  /** Error of the naive forecast (the close it started from). */
  naiveAbsError: number;
  in80: boolean;
  in95: boolean;
  wentUp: boolean;
  probabilityUp: number;
  /** P(up) > 0.5 and it went up, or < 0.5 and it did not; 0.5 is never a hit. */
  hit: boolean;
  /** (P(up) − outcome)². */
  brier: number;
}

export function scorePrediction(
  forecast: Forecast,
  direction: Pick<DirectionEstimate, 'probabilityUp'>,
  actual: number,
): PredictionScore {
  const at = forecast.path.at(-1)!;
  const wentUp = actual > forecast.from;
  const p = direction.probabilityUp;
  return {
    actual,
    absError: Math.abs(actual - at.yhat),
    naiveAbsError: Math.abs(actual - forecast.from),
    in80: actual >= at.lower80 && actual <= at.upper80,
    in95: actual >= at.lower95 && actual <= at.upper95,
    wentUp,
    probabilityUp: p,
    hit: (p > 0.5 && wentUp) || (p < 0.5 && !wentUp),
    brier: (p - (wentUp ? 1 : 0)) ** 2,
  };
}

export type { Scorecard };

export function summarizeScores(scores: readonly PredictionScore[]): Scorecard {
  const n = scores.length;
  if (n === 0) return { n };
  const sum = (f: (s: PredictionScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const naive = sum((s) => s.naiveAbsError);
  return {
    n,
    ...(naive > 0 ? { maeRatio: sum((s) => s.absError) / naive } : {}),
    coverage80: sum((s) => (s.in80 ? 1 : 0)) / n,
    coverage95: sum((s) => (s.in95 ? 1 : 0)) / n,
    hitRate: sum((s) => (s.hit ? 1 : 0)) / n,
    brier: sum((s) => s.brier) / n,
  };
}
