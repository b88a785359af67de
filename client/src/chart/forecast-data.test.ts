import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../shared/prediction.ts';
import { candle, T0 } from '../test-support.ts';
import { anchorForecast, forecastLines } from './forecast-data.ts';

const H4 = 4 * 3_600_000;

/** A 4h forecast of three steps, made at the close of the candle at T0 (51,212), bands ±1 % and ±2 %. */
function forecastAt(from = 51_212): Prediction {
  return {
    symbol: 'BTC/USDT',
    timeframe: '4h',
    source: 'replay',
    model: 'ewma-fhs',
    computedAt: T0 + H4,
    lastCandleTime: T0,
    from,
    horizon: 3,
    sigma: 0.01,
    path: [1, 2, 3].map((k) => ({
      time: T0 + k * H4,
      yhat: from,
      lower80: from * 0.99,
      upper80: from * 1.01,
      lower95: from * 0.98,
      upper95: from * 1.02,
    })),
    direction: { state: 's', probabilityUp: 0.5, credible90: [0.05, 0.95], samples: 0 },
    regime: { regime: 'random' },
    confluence: { agree: false, direction: 'sideways', byTimeframe: {} },
    anomalies: [],
    risk: { level: 'low', reasons: [] },
    scorecard: { n: 0 },
  };
}

describe('anchorForecast', () => {
  it('starts the fan at the forming candle and its live close, not at the last closed candle', () => {
    // The forming 4h candle has fallen to 50,172 since the forecast was made from 51,212.
    const candles = [candle(T0, 51_212), candle(T0 + H4, 50_172)];
    const anchored = anchorForecast(forecastAt(), candles)!;

    expect(anchored.anchor).toEqual({ time: T0 + H4, price: 50_172 });
    // The forming candle is the anchor; the steps after it remain, ending at the horizon.
    expect(anchored.steps.map((s) => s.time)).toEqual([T0 + 2 * H4, T0 + 3 * H4]);
    for (const step of anchored.steps) {
      expect(step.yhat).toBeCloseTo(50_172, 6);
      expect(step.upper95 / step.yhat).toBeCloseTo(1.02, 10);
      expect(step.lower80 / step.yhat).toBeCloseTo(0.99, 10);
    }
  });

  it('follows the live price tick by tick', () => {
    const prediction = forecastAt();
    const at = (close: number) => anchorForecast(prediction, [candle(T0, 51_212), candle(T0 + H4, close)])!;
    expect(at(50_000).steps[0]!.yhat).toBeCloseTo(50_000, 6);
    expect(at(52_000).steps[0]!.upper80).toBeCloseTo(52_000 * 1.01, 6);
  });

  it('starts at the forecast’s own close until the next candle opens', () => {
    const anchored = anchorForecast(forecastAt(), [candle(T0 - H4, 51_000), candle(T0, 51_212)])!;
    expect(anchored.anchor).toEqual({ time: T0, price: 51_212 });
    expect(anchored.steps).toEqual(forecastAt().path);
  });

  it('draws nothing for a forecast whose horizon the candles have reached', () => {
    expect(anchorForecast(forecastAt(), [candle(T0 + 3 * H4, 50_000)])).toBeNull();
  });

  it('gives every line the anchor as its first point', () => {
    const lines = forecastLines(anchorForecast(forecastAt(), [candle(T0 + H4, 50_172)])!);
    for (const line of Object.values(lines)) {
      expect(line[0]).toEqual({ time: (T0 + H4) / 1000, value: 50_172 });
      expect(line).toHaveLength(3);
    }
  });
});
