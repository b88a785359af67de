import type { LineData, UTCTimestamp } from 'lightweight-charts';
import type { Candle } from '../../../shared/market.ts';
import type { ForecastStep, Prediction } from '../../../shared/prediction.ts';
import { toChartTime } from './series-data.ts';

export const FORECAST_LINES = ['upper95', 'upper80', 'yhat', 'lower80', 'lower95'] as const;
export type ForecastLine = (typeof FORECAST_LINES)[number];

/** A forecast seen from the live price: where the fan starts, and the steps still ahead of it. */
export interface AnchoredForecast {
  /** The newest candle's open time (ms) and close: the forming candle as it ticks. */
  anchor: { time: number; price: number };
  /** The forecast's steps after the anchor, moved to start from its price. */
  steps: ForecastStep[];
}

/** A step of the forecast with every value multiplied by `scale`. */
export function scaleStep(step: ForecastStep, scale: number): ForecastStep {
  return {
    time: step.time,
    yhat: step.yhat * scale,
    lower80: step.lower80 * scale,
    upper80: step.upper80 * scale,
    lower95: step.lower95 * scale,
    upper95: step.upper95 * scale,
  };
}

/**
 * The forecast anchored at the live price. It is made from the last closed candle's close, which on
 * a 4h chart can be hours and percents away from the price now; the model has no drift and its bands
 * are ratios of the price (C·exp(q·σ·√k)), so the same forecast made from the live price is every
 * value times live / from. The fan starts at the newest candle and covers the steps after it, so it
 * still ends at the forecast's horizon. Null when no step is left ahead (an outdated forecast).
 */
export function anchorForecast(prediction: Prediction, candles: readonly Candle[]): AnchoredForecast | null {
  const newest = candles.at(-1);
  const anchor =
    newest && newest.time >= prediction.lastCandleTime
      ? { time: newest.time, price: newest.close }
      : { time: prediction.lastCandleTime, price: prediction.from };
  const scale = anchor.price / prediction.from;
  const steps = prediction.path
    .filter((step) => step.time > anchor.time)
    .map((step) => scaleStep(step, scale));
  return steps.length === 0 ? null : { anchor, steps };
}

/** The lines of an anchored forecast, each starting at the anchor so the fan opens from the live price. */
export function forecastLines(forecast: AnchoredForecast): Record<ForecastLine, LineData<UTCTimestamp>[]> {
  const start = { time: toChartTime(forecast.anchor.time), value: forecast.anchor.price };
  const line = (key: ForecastLine) => [
    start,
    ...forecast.steps.map((step) => ({ time: toChartTime(step.time), value: step[key] })),
  ];
  return {
    upper95: line('upper95'),
    upper80: line('upper80'),
    yhat: line('yhat'),
    lower80: line('lower80'),
    lower95: line('lower95'),
  };
}
