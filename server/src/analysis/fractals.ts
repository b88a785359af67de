import type { Fractal } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';

/**
 * Williams fractals: a candle whose high is above the two highs on each side (a resistance), or
 * whose low is below the two lows on each side (a support). Only confirmed ones: the two candles
 * after it must exist, so the forming candle never makes or breaks one.
 */
export function williamsFractals(candles: readonly Candle[]): Fractal[] {
  const out: Fractal[] = [];
  for (let i = 2; i < candles.length - 2; i++) {
    const c = candles[i]!;
    const around = [candles[i - 2]!, candles[i - 1]!, candles[i + 1]!, candles[i + 2]!];
    if (around.every((o) => c.high > o.high)) out.push({ time: c.time, kind: 'high', price: c.high });
    if (around.every((o) => c.low < o.low)) out.push({ time: c.time, kind: 'low', price: c.low });
  }
  return out;
}
