import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import { FORECAST_MIN_CLOSED_CANDLES } from '../../../shared/prediction.ts';
import { DirectionModel, directionState } from './direction.ts';
import { evaluateForecasts } from './evaluate.ts';
import { forecast } from './forecast.ts';
import { HORIZON } from './prediction-service.ts';

/** A geometric random walk with known volatility per candle, from a seeded generator. */
function syntheticSeries(n: number, sigma: number, seed = 7): Candle[] {
  let a = seed;
  const uniform = () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (a + 1) / 2_147_483_649;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const out: Candle[] = [];
  let price = 100;
  for (let i = 0; i < n; i++) {
    const next = price * Math.exp(sigma * normal());
    out.push({
      time: i * 60_000,
      open: price,
      high: Math.max(price, next),
      low: Math.min(price, next),
      close: next,
      volume: 1,
    });
    price = next;
  }
  return out;
}

describe('forecast (ewma-fhs)', () => {
  const sigma = 0.002;
  const series = syntheticSeries(1_200, sigma);

  it('recovers the volatility of a series with a known one, and widens with √k', () => {
    // EWMA averages about 30 returns, so one reading is noisy: judge the mean over many endpoints.
    const fits = Array.from({ length: 60 }, (_, i) =>
      forecast(series.slice(0, 600 + i * 10), { horizon: 10 })!,
    );
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    expect(mean(fits.map((f) => f.sigma)) / sigma).toBeGreaterThan(0.9);
    expect(mean(fits.map((f) => f.sigma)) / sigma).toBeLessThan(1.1);
    const width = (f: (typeof fits)[number], k: number) =>
      Math.log(f.path[k - 1]!.upper95 / f.path[k - 1]!.lower95) / f.sigma;
    // For Gaussian returns the 95 % band is ±1.96 σ√k: width 3.92 σ√k.
    expect(mean(fits.map((f) => width(f, 4))) / (3.92 * 2)).toBeGreaterThan(0.85);
    expect(mean(fits.map((f) => width(f, 4))) / (3.92 * 2)).toBeLessThan(1.15);
    expect(mean(fits.map((f) => width(f, 9) / width(f, 1)))).toBeGreaterThan(2.6);
    expect(mean(fits.map((f) => width(f, 9) / width(f, 1)))).toBeLessThan(3.4);
    expect(fits[0]!.path.every((p) => p.yhat === fits[0]!.from)).toBe(true);
  });

  it('needs the closed candles the client is told it needs, not one more', () => {
    expect(forecast(series.slice(0, FORECAST_MIN_CLOSED_CANDLES - 1), { horizon: HORIZON })).toBeUndefined();
    expect(forecast(series.slice(0, FORECAST_MIN_CLOSED_CANDLES), { horizon: HORIZON })).toBeDefined();
  });

  it('nests the bands: 95 % outside 80 % outside the central path', () => {
    for (const p of forecast(series, { horizon: 10 })!.path) {
      expect(p.lower95).toBeLessThan(p.lower80);
      expect(p.lower80).toBeLessThan(p.yhat);
      expect(p.yhat).toBeLessThan(p.upper80);
      expect(p.upper80).toBeLessThan(p.upper95);
    }
  });

  it('covers 80 % and 95 % of outcomes on a series with known volatility, walking forward', () => {
    const result = evaluateForecasts(syntheticSeries(4_000, sigma, 11), { horizon: 10 });
    expect(result.coverage80).toBeGreaterThan(0.77);
    expect(result.coverage80).toBeLessThan(0.83);
    expect(result.coverage95).toBeGreaterThan(0.92);
    expect(result.coverage95).toBeLessThan(0.98);
    // A random walk cannot be beaten: no skill, and the direction is a coin.
    expect(result.maeRatio).toBeCloseTo(1, 6);
    expect(result.brier).toBeGreaterThan(0.24);
    expect(result.brier).toBeLessThan(0.27);
    expect(result.msPerFit).toBeLessThan(5);
  });

  it('needs enough history', () => {
    expect(forecast(series.slice(0, 40), { horizon: 10 })).toBeUndefined();
  });
});

describe('Bayesian direction', () => {
  it('starts at 50 % with a wide interval and moves only with evidence', () => {
    const model = new DirectionModel();
    const prior = model.estimate('s');
    expect(prior.probabilityUp).toBe(0.5);
    expect(prior.credible90[0]).toBeCloseTo(0.05, 6);
    expect(prior.credible90[1]).toBeCloseTo(0.95, 6);
    for (let i = 0; i < 30; i++) model.observe('s', i % 3 !== 0);
    const learned = model.estimate('s');
    // Beta(1 + 20, 1 + 10): mean 21/32.
    expect(learned.probabilityUp).toBeCloseTo(21 / 32, 10);
    expect(learned.samples).toBe(30);
    expect(learned.credible90[1] - learned.credible90[0]).toBeLessThan(
      prior.credible90[1] - prior.credible90[0],
    );
    expect(model.estimate('other').probabilityUp).toBe(0.5);
    expect(DirectionModel.fromJSON(model.toJSON()).estimate('s')).toEqual(learned);
  });

  it('discretises indicator states', () => {
    expect(directionState({ rsi14: 72, macd: { macd: 1, signal: 0, histogram: 1 }, ema50: 90 }, 100)).toBe(
      'rsi>60|macd+|above50',
    );
    expect(directionState({}, 100)).toBe('rsi?|macd?|ema?');
  });
});
