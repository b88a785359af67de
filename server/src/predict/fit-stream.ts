import type { Anomaly, Regime } from '../../../shared/prediction.ts';
import type { Candle } from '../../../shared/market.ts';
import { LiveIndicators } from '../analysis/live-indicators.ts';
import { directionState } from './direction.ts';
import { forecast, type Forecast } from './forecast.ts';
import { anomalies, hurstExponent, regimeOf } from './regime.ts';

export interface FitInput {
  /** Closed candles of the stream, oldest first; the forecast starts from the last one. */
  candles: Candle[];
  horizon: number;
}

export interface FitOutput {
  forecast: Forecast | undefined;
  /** Discretised indicator state at the last candle, the key of the Bayesian direction model. */
  state: string;
  hurst: number | undefined;
  regime: Regime;
  anomalies: Anomaly[];
}

/** Candles the indicator state is computed over: enough for EMA 50 and MACD to settle. */
const STATE_WINDOW = 300;
/** Returns the Hurst exponent is estimated from: 512 gives chunk sizes 8 to 256. */
const HURST_WINDOW = 512;

/**
 * Everything about a stream's future that costs CPU, in one pure function: it runs in a worker
 * thread (server/src/compute/) so that fitting every stream never holds up the event loop.
 */
export function fitStream(input: FitInput): FitOutput {
  const { candles, horizon } = input;
  const last = candles.at(-1);
  const values = last ? new LiveIndicators(candles.slice(-STATE_WINDOW)).values : {};
  const closes = candles.slice(-(HURST_WINDOW + 1)).map((c) => c.close);
  const returns = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
  const hurst = hurstExponent(returns);
  return {
    forecast: forecast(candles, { horizon }),
    state: directionState(values, last?.close ?? 0),
    hurst,
    regime: regimeOf(hurst),
    anomalies: anomalies(candles),
  };
}
