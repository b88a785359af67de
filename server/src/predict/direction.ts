import type { IndicatorValues } from '../../../shared/analysis.ts';
import type { DirectionForecast } from '../../../shared/prediction.ts';
import { betaQuantile } from './beta-quantile.ts';

/**
 * Bayesian direction: is the close H candles ahead higher than now? One Beta-Bernoulli per
 * discretised indicator state, with the uniform prior Beta(1, 1): it starts at 50 % and moves only
 * as outcomes of that state are seen.
 *
 *   state = (RSI < 40 | 40–60 | > 60) × (MACD histogram ≥ 0 | < 0) × (close ≥ EMA 50 | below)
 *   P(up | state) = α / (α + β), with α = 1 + ups, β = 1 + downs seen in that state
 *   credible interval: the 5 % and 95 % quantiles of Beta(α, β)
 */
export type DirectionEstimate = DirectionForecast;

export function directionState(values: IndicatorValues, close: number): string {
  const rsi =
    values.rsi14 === undefined
      ? 'rsi?'
      : values.rsi14 < 40
        ? 'rsi<40'
        : values.rsi14 > 60
          ? 'rsi>60'
          : 'rsi40-60';
  const macd = values.macd === undefined ? 'macd?' : values.macd.histogram >= 0 ? 'macd+' : 'macd-';
  const ema = values.ema50 === undefined ? 'ema?' : close >= values.ema50 ? 'above50' : 'below50';
  return `${rsi}|${macd}|${ema}`;
}

export class DirectionModel {
  private readonly counts = new Map<string, { up: number; down: number }>();

  estimate(state: string): DirectionEstimate {
    const { up, down } = this.counts.get(state) ?? { up: 0, down: 0 };
    const alpha = 1 + up;
    const beta = 1 + down;
    return {
      state,
      probabilityUp: alpha / (alpha + beta),
      credible90: [betaQuantile(0.05, alpha, beta), betaQuantile(0.95, alpha, beta)],
      samples: up + down,
    };
  }

  /** Records what happened H candles after a moment in `state`. */
  observe(state: string, wentUp: boolean): void {
    const c = this.counts.get(state) ?? { up: 0, down: 0 };
    if (wentUp) c.up++;
    else c.down++;
    this.counts.set(state, c);
  }

  /** Plain counts, to persist and restore the learned state. */
  toJSON(): Record<string, { up: number; down: number }> {
    return Object.fromEntries(this.counts);
  }

  static fromJSON(json: Record<string, { up: number; down: number }>): DirectionModel {
    const model = new DirectionModel();
    for (const [state, c] of Object.entries(json)) model.counts.set(state, { up: c.up, down: c.down });
    return model;
  }
}
