import type { TrendDirection, VolatilityRegime } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { Anomaly, Regime, RiskLevel } from '../../../shared/prediction.ts';

export type { Anomaly, Regime, RiskLevel };

/** A risk level and, in plain words, what set it; no reasons when low. */
export interface Risk {
  level: RiskLevel;
  reasons: string[];
}

/**
 * Hurst exponent by rescaled-range (R/S) analysis of log returns: for chunk sizes n = 8, 16, 32, …
 * (up to half the series), the mean over chunks of R/S — the range of the mean-adjusted cumulative
 * sum over its standard deviation — grows like n^H. H is the slope of log(R/S) on log(n):
 * ≈ 0.5 for a random walk, above for persistence (trends), below for mean reversion.
 */
export function hurstExponent(returns: readonly number[]): number | undefined {
  const points: Array<[number, number]> = [];
  for (let n = 8; n <= returns.length / 2; n *= 2) {
    let sum = 0;
    let chunks = 0;
    for (let start = 0; start + n <= returns.length; start += n) {
      const chunk = returns.slice(start, start + n);
      const mean = chunk.reduce((a, b) => a + b, 0) / n;
      let cumulative = 0;
      let min = 0;
      let max = 0;
      let squares = 0;
      for (const r of chunk) {
        cumulative += r - mean;
        min = Math.min(min, cumulative);
        max = Math.max(max, cumulative);
        squares += (r - mean) ** 2;
      }
      const sd = Math.sqrt(squares / n);
      if (sd > 0) {
        sum += (max - min) / sd;
        chunks++;
      }
    }
    if (chunks > 0) points.push([Math.log(n), Math.log(sum / chunks)]);
  }
  if (points.length < 3) return undefined;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/** R/S reads a little above 0.5 on short random series, hence the band around it. */
export function regimeOf(hurst: number | undefined): Regime {
  if (hurst === undefined || (hurst >= 0.45 && hurst <= 0.6)) return 'random';
  return hurst > 0.6 ? 'trending' : 'mean-reverting';
}

export interface Confluence {
  /** All timeframes that have a trend agree on it. */
  agree: boolean;
  direction: TrendDirection;
  byTimeframe: Record<string, TrendDirection>;
}

/** Do the trends of the timeframes (e.g. 1m, 5m, 15m, 1h) point the same way? */
export function confluence(byTimeframe: Record<string, TrendDirection>): Confluence {
  const directions = Object.values(byTimeframe);
  const first = directions[0] ?? 'sideways';
  const agree = directions.length > 0 && directions.every((d) => d === first) && first !== 'sideways';
  return { agree, direction: agree ? first : 'sideways', byTimeframe };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
};

/**
 * Flags the last candle when its volume or its return is far outside the last 100 candles (|z| ≥ 4
 * for returns, ≥ 3 for volume), or when it opened far from the previous close (a price jump).
 */
export function anomalies(candles: readonly Candle[]): Anomaly[] {
  if (candles.length < 30) return [];
  const history = candles.slice(-101, -1);
  const last = candles.at(-1)!;
  const previous = candles.at(-2)!;
  const returns = history.slice(1).map((c, i) => Math.log(c.close / history[i]!.close));
  const out: Anomaly[] = [];
  const volumes = history.map((c) => c.volume);
  const vSd = sd(volumes);
  if (vSd > 0) {
    const z = (last.volume - mean(volumes)) / vSd;
    if (z >= 3) out.push({ kind: 'volume', z, detail: `volume ${z.toFixed(1)}σ above normal` });
  }
  const rSd = sd(returns);
  if (rSd > 0) {
    const z = (Math.log(last.close / previous.close) - mean(returns)) / rSd;
    if (Math.abs(z) >= 4)
      out.push({ kind: 'return', z, detail: `a ${z > 0 ? 'rise' : 'drop'} of ${Math.abs(z).toFixed(1)}σ` });
    const gap = Math.log(last.open / previous.close) / rSd;
    if (Math.abs(gap) >= 3)
      out.push({
        kind: 'jump',
        z: gap,
        detail: `opened ${Math.abs(gap).toFixed(1)}σ away from the previous close`,
      });
  }
  return out;
}

/** Each concern adds a point: 0 low, 1 medium, 2 or more (or a return/jump anomaly) high. */
export function riskOf(input: {
  volatility: VolatilityRegime;
  confluence: Confluence;
  anomalies: readonly Anomaly[];
  regime: Regime;
}): Risk {
  const reasons: string[] = [];
  if (input.volatility === 'high') reasons.push('volatility is high');
  if (!input.confluence.agree && Object.keys(input.confluence.byTimeframe).length > 1)
    reasons.push('timeframes disagree on the trend');
  for (const a of input.anomalies) reasons.push(a.detail);
  if (input.regime === 'mean-reverting' && input.confluence.agree)
    reasons.push('a trend in a mean-reverting market');
  const severe = input.anomalies.some((a) => a.kind !== 'volume');
  const level: RiskLevel = severe || reasons.length >= 2 ? 'high' : reasons.length === 1 ? 'medium' : 'low';
  return { level, reasons };
}
