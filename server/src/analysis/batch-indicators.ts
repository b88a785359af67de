import { ADX, ATR, BollingerBands, EMA, MACD, OBV, RSI, SMA, Stochastic, VWAP } from 'technicalindicators';
import type { IndicatorValues } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';

/** Every indicator as a column aligned with the candles; undefined where not yet defined. */
export type IndicatorColumns = { [K in keyof Required<IndicatorValues>]: Array<IndicatorValues[K]> };

const DAY = 86_400_000;

/** technicalindicators drops the first outputs it cannot compute; put them back as undefined. */
function alignRight<T>(values: readonly T[], length: number): Array<T | undefined> {
  const out: Array<T | undefined> = new Array(Math.max(0, length - values.length)).fill(undefined);
  for (const v of values) out.push(v);
  return out.slice(-length);
}

const finite = (x: number | undefined): number | undefined =>
  x !== undefined && Number.isFinite(x) ? x : undefined;

/** The full indicator set over `candles` (oldest first), computed in one pass per indicator. */
export function computeIndicators(candles: readonly Candle[]): IndicatorColumns {
  const n = candles.length;
  const close = candles.map((c) => c.close);
  const high = candles.map((c) => c.high);
  const low = candles.map((c) => c.low);
  const volume = candles.map((c) => c.volume);
  const line = (values: number[]) => alignRight(values.map(finite), n);

  const macd = alignRight(
    MACD.calculate({
      values: close,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    }).map((m) =>
      m.MACD !== undefined && m.signal !== undefined && m.histogram !== undefined
        ? { macd: m.MACD, signal: m.signal, histogram: m.histogram }
        : undefined,
    ),
    n,
  );
  const bollinger = alignRight(
    BollingerBands.calculate({ period: 20, stdDev: 2, values: close }).map((b) => ({
      upper: b.upper,
      middle: b.middle,
      lower: b.lower,
    })),
    n,
  );
  const stochastic = alignRight(
    Stochastic.calculate({ period: 14, signalPeriod: 3, high, low, close }).map((s) =>
      Number.isFinite(s.k) && Number.isFinite(s.d) ? { k: s.k, d: s.d } : undefined,
    ),
    n,
  );
  const adx = alignRight(
    ADX.calculate({ period: 14, high, low, close }).map((a) =>
      Number.isFinite(a.adx) ? { adx: a.adx, plusDI: a.pdi, minusDI: a.mdi } : undefined,
    ),
    n,
  );
  // OBV starts at zero on the first candle of the window.
  const obv = n === 0 ? [] : [0, ...OBV.calculate({ close, volume })].slice(0, n);

  return {
    sma20: line(SMA.calculate({ period: 20, values: close })),
    sma50: line(SMA.calculate({ period: 50, values: close })),
    sma200: line(SMA.calculate({ period: 200, values: close })),
    ema20: line(EMA.calculate({ period: 20, values: close })),
    ema50: line(EMA.calculate({ period: 50, values: close })),
    ema200: line(EMA.calculate({ period: 200, values: close })),
    rsi14: line(RSI.calculate({ period: 14, values: close })),
    macd,
    bollinger,
    atr14: line(ATR.calculate({ period: 14, high, low, close })),
    stochastic,
    adx14: adx,
    obv: obv.map(finite),
    vwap: dailyVwap(candles),
  };
}

/** VWAP anchored at 00:00 UTC: it restarts with each day, as traders read it. */
function dailyVwap(candles: readonly Candle[]): Array<number | undefined> {
  const out: Array<number | undefined> = [];
  let start = 0;
  while (start < candles.length) {
    const day = Math.floor(candles[start]!.time / DAY);
    let end = start;
    while (end < candles.length && Math.floor(candles[end]!.time / DAY) === day) end++;
    const segment = candles.slice(start, end);
    const values = VWAP.calculate({
      high: segment.map((c) => c.high),
      low: segment.map((c) => c.low),
      close: segment.map((c) => c.close),
      volume: segment.map((c) => c.volume),
    });
    out.push(...alignRight(values.map(finite), segment.length));
    start = end;
  }
  return out;
}

/** The values of every indicator at candle `index` (the last by default). */
export function valuesAt(columns: IndicatorColumns, index = columns.ema20.length - 1): IndicatorValues {
  const out: IndicatorValues = {};
  for (const key of Object.keys(columns) as Array<keyof IndicatorColumns>) {
    const value = columns[key][index];
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
