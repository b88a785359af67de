import { FORECAST_MIN_CLOSED_CANDLES } from '../../../shared/prediction.ts';
import type { Indicator } from '../store/indicator-toggles.ts';

/**
 * Candles an indicator needs before it has a value to draw: an average of N candles needs N, RSI 14
 * needs 15 closes (14 changes), the MACD line needs its slow average (26), a Williams fractal two
 * candles each side of its own.
 */
const CANDLES_NEEDED: Readonly<Record<Exclude<Indicator, 'forecast'>, number>> = {
  ema20: 20,
  ema50: 50,
  ema200: 200,
  bollinger: 20,
  rsi: 15,
  macd: 26,
  fractals: 5,
};

/**
 * Why an indicator cannot be drawn on a chart of `candles` candles (the forming one among them), or
 * null when it can: `needs 200 candles, this chart has 166`. A forecast counts closed candles only.
 */
export function unavailableReason(indicator: Indicator, candles: number): string | null {
  if (indicator === 'forecast') {
    const closed = Math.max(0, candles - 1);
    return closed >= FORECAST_MIN_CLOSED_CANDLES
      ? null
      : `needs ${FORECAST_MIN_CLOSED_CANDLES} closed candles, this chart has ${closed}`;
  }
  const needed = CANDLES_NEEDED[indicator];
  return candles >= needed ? null : `needs ${needed} candles, this chart has ${candles}`;
}
