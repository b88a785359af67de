import type { LineData, UTCTimestamp } from 'lightweight-charts';
import type { ForecastStep, Prediction } from '../../../shared/prediction.ts';
import { toChartTime } from './series-data.ts';

export const FORECAST_LINES = ['upper95', 'upper80', 'yhat', 'lower80', 'lower95'] as const;
export type ForecastLine = (typeof FORECAST_LINES)[number];

/**
 * The lines of a forecast, each starting at the last closed candle's close so the fan opens from the
 * price it was made from, then one point per candle ahead.
 */
export function forecastLines(prediction: Prediction): Record<ForecastLine, LineData<UTCTimestamp>[]> {
  const anchor = { time: toChartTime(prediction.lastCandleTime), value: prediction.from };
  const line = (key: ForecastLine) => [
    anchor,
    ...prediction.path.map((step: ForecastStep) => ({ time: toChartTime(step.time), value: step[key] })),
  ];
  return {
    upper95: line('upper95'),
    upper80: line('upper80'),
    yhat: line('yhat'),
    lower80: line('lower80'),
    lower95: line('lower95'),
  };
}
