import { beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorValues } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import { readRecordedCsv, recordedFile } from '../market/replay/recorded-candles.ts';
import { analyze } from './analyze.ts';
import { computeIndicators, valuesAt } from './batch-indicators.ts';
import { williamsFractals } from './fractals.ts';
import { LiveIndicators } from './live-indicators.ts';

let candles: Candle[];
beforeAll(async () => {
  candles = (await readRecordedCsv(recordedFile('BTC/USDT', '1m'))).candles.slice(0, 600);
});

/** Spreadsheet-style reference formulas, one cell at a time, written independently of any library. */
const reference = {
  sma(values: number[], period: number, i: number) {
    return values.slice(i - period + 1, i + 1).reduce((a, b) => a + b, 0) / period;
  },
  ema(values: number[], period: number, i: number) {
    const k = 2 / (period + 1);
    let ema = reference.sma(values, period, period - 1);
    for (let j = period; j <= i; j++) ema = values[j]! * k + ema * (1 - k);
    return ema;
  },
  rsi(values: number[], period: number, i: number) {
    let gain = 0;
    let loss = 0;
    for (let j = 1; j <= period; j++) {
      const d = values[j]! - values[j - 1]!;
      gain += Math.max(d, 0);
      loss += Math.max(-d, 0);
    }
    gain /= period;
    loss /= period;
    for (let j = period + 1; j <= i; j++) {
      const d = values[j]! - values[j - 1]!;
      gain = (gain * (period - 1) + Math.max(d, 0)) / period;
      loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
    }
    return 100 - 100 / (1 + gain / loss);
  },
  bollinger(values: number[], i: number) {
    const mean = reference.sma(values, 20, i);
    const window = values.slice(i - 19, i + 1);
    const sd = Math.sqrt(window.reduce((a, x) => a + (x - mean) ** 2, 0) / 20);
    return { upper: mean + 2 * sd, middle: mean, lower: mean - 2 * sd };
  },
  /** Wilder: the mean of the first 14 true ranges, then smoothing; a true range needs a previous close. */
  atr(cs: Candle[], i: number) {
    const tr = (j: number) =>
      Math.max(
        cs[j]!.high - cs[j]!.low,
        Math.abs(cs[j]!.high - cs[j - 1]!.close),
        Math.abs(cs[j]!.low - cs[j - 1]!.close),
      );
    let atr = 0;
    for (let j = 1; j <= 14; j++) atr += tr(j);
    atr /= 14;
    for (let j = 15; j <= i; j++) atr = (atr * 13 + tr(j)) / 14;
    return atr;
  },
  obv(cs: Candle[], i: number) {
    let obv = 0;
    for (let j = 1; j <= i; j++) obv += Math.sign(cs[j]!.close - cs[j - 1]!.close) * cs[j]!.volume;
    return obv;
  },
  vwap(cs: Candle[], i: number) {
    const day = Math.floor(cs[i]!.time / 86_400_000);
    let pv = 0;
    let v = 0;
    for (let j = 0; j <= i; j++) {
      if (Math.floor(cs[j]!.time / 86_400_000) !== day) continue;
      pv += ((cs[j]!.high + cs[j]!.low + cs[j]!.close) / 3) * cs[j]!.volume;
      v += cs[j]!.volume;
    }
    return pv / v;
  },
};

const close = (cs: Candle[]) => cs.map((c) => c.close);

describe('batch indicators against the reference formulas (real BTC/USDT minutes)', () => {
  it.each([40, 250, 399, 599])('agree at candle %i', (i) => {
    const v = valuesAt(computeIndicators(candles), i);
    const closes = close(candles);
    expect(v.sma20).toBeCloseTo(reference.sma(closes, 20, i), 6);
    if (i >= 199) expect(v.sma200).toBeCloseTo(reference.sma(closes, 200, i), 6);
    else expect(v.sma200).toBeUndefined();
    expect(v.ema20).toBeCloseTo(reference.ema(closes, 20, i), 6);
    if (i >= 49) expect(v.ema50).toBeCloseTo(reference.ema(closes, 50, i), 6);
    else expect(v.ema50).toBeUndefined();
    if (i >= 199) expect(v.ema200).toBeCloseTo(reference.ema(closes, 200, i), 6);
    expect(v.rsi14).toBeCloseTo(reference.rsi(closes, 14, i), 1);
    const bb = reference.bollinger(closes, i);
    expect(v.bollinger!.upper).toBeCloseTo(bb.upper, 6);
    expect(v.bollinger!.lower).toBeCloseTo(bb.lower, 6);
    expect(v.atr14, 'atr14').toBeCloseTo(reference.atr(candles, i), 4);
    expect(v.obv, 'obv').toBeCloseTo(reference.obv(candles, i), 6);
    expect(v.vwap, 'vwap').toBeCloseTo(reference.vwap(candles, i), 6);
    expect(v.macd!.macd).toBeCloseTo(reference.ema(closes, 12, i) - reference.ema(closes, 26, i), 6);
  });

  it('finds fractals exactly where the two-each-side rule says', () => {
    const fractals = williamsFractals(candles);
    for (let i = 2; i < candles.length - 2; i++) {
      const c = candles[i]!;
      const others = [i - 2, i - 1, i + 1, i + 2].map((j) => candles[j]!);
      const high = others.every((o) => c.high > o.high);
      const low = others.every((o) => c.low < o.low);
      expect(fractals.some((f) => f.time === c.time && f.kind === 'high')).toBe(high);
      expect(fractals.some((f) => f.time === c.time && f.kind === 'low')).toBe(low);
    }
    expect(fractals.length).toBeGreaterThan(20);
  });
});

/** Every numeric leaf of two indicator sets, compared relative to size. */
function expectSameValues(live: IndicatorValues, batch: IndicatorValues) {
  expect(Object.keys(live).sort()).toEqual(Object.keys(batch).sort());
  const leaves = (v: unknown, path = ''): Array<[string, number]> =>
    typeof v === 'number'
      ? [[path, v]]
      : Object.entries(v as object).flatMap(([k, x]) => leaves(x, `${path}.${k}`));
  const b = new Map(leaves(batch));
  for (const [path, value] of leaves(live)) {
    const expected = b.get(path)!;
    const tolerance = path === '.rsi14' ? 0.011 : Math.max(1e-6, Math.abs(expected) * 1e-6);
    expect(Math.abs(value - expected), `${path}: live ${value} vs batch ${expected}`).toBeLessThanOrEqual(
      tolerance,
    );
  }
}

describe('incremental indicators on the forming candle', () => {
  it.each([10, 30, 60, 210, 500])(
    'equal the batch analysis at every tick of a forming candle, after %i candles',
    (n) => {
      const closed = candles.slice(0, n - 1);
      const final = candles[n - 1]!;
      const live = new LiveIndicators(closed);
      const ticks: Candle[] = [
        { ...final, high: final.open, low: final.open, close: final.open, volume: 0 },
        {
          ...final,
          close: (final.open + final.close) / 2,
          high: Math.max(final.open, (final.open + final.close) / 2),
          low: Math.min(final.open, (final.open + final.close) / 2),
          volume: final.volume / 2,
        },
        final,
      ];
      for (const tick of ticks) {
        const batch = valuesAt(computeIndicators([...closed, tick]));
        expectSameValues(live.update(tick), batch);
      }
      // The next candle opens on top of the closed one.
      expectSameValues(live.update(candles[n]!), valuesAt(computeIndicators(candles.slice(0, n + 1))));
    },
  );

  it('is far cheaper per tick than recomputing the window', () => {
    const live = new LiveIndicators(candles.slice(0, 599));
    const last = candles[599]!;
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) live.update({ ...last, close: last.close + (i % 7) });
    const incremental = (performance.now() - t0) / 200;
    const t1 = performance.now();
    for (let i = 0; i < 5; i++) computeIndicators(candles);
    const batch = (performance.now() - t1) / 5;
    // A sanity bound only; the benchmark (scripts/bench-analysis.ts) measures it properly.
    expect(incremental).toBeLessThan(batch);
  });
});

describe('analyze', () => {
  const options = {
    symbol: 'BTC/USDT',
    timeframe: '1m' as const,
    source: 'replay',
    pricePrecision: 2,
    now: 0,
  };

  it('summarises trend, momentum, volatility and levels in one line', () => {
    const a = analyze(candles, options);
    expect(a.candleCount).toBe(600);
    expect(a.summary.headline).toMatch(/^BTC\/USDT 1m: (uptrend|downtrend|moving sideways) \(/);
    expect(a.summary.headline).toMatch(/momentum (overbought|bullish|neutral|bearish|oversold)/);
    expect(a.summary.levels.support.every((p) => p < candles.at(-1)!.close)).toBe(true);
    expect(a.summary.levels.resistance.every((p) => p > candles.at(-1)!.close)).toBe(true);
    expect(a.series!.time).toHaveLength(600);
    expect(a.series!.ema20[18]).toBeNull();
    expect(a.series!.ema20[19]).toBeCloseTo(reference.sma(close(candles), 20, 19), 6);
  });

  it('says so when there are too few candles, and never reports NaN', () => {
    const a = analyze(candles.slice(0, 5), options);
    expect(a.latest.ema20).toBeUndefined();
    expect(a.latest.rsi14).toBeUndefined();
    expect(a.summary.trend.direction).toBe('sideways');
    expect(a.summary.headline).toMatch(/not enough history for a trend yet \(5 candles\)/);
    expect(JSON.stringify(a)).not.toMatch(/NaN|Infinity/);
    expect(analyze([], options).summary.headline).toMatch(/0 candles/);
  });

  it('stays finite on flat prices', () => {
    const flat = candles.slice(0, 300).map((c) => ({ ...c, open: 100, high: 100, low: 100, close: 100 }));
    const a = analyze(flat, options);
    expect(JSON.stringify(a.latest)).not.toMatch(/NaN|Infinity|null/);
    expect(a.summary.trend.direction).toBe('sideways');
    expect(a.fractals).toEqual([]);
  });

  it('works across gaps in the data', () => {
    const gappy = [...candles.slice(0, 200), ...candles.slice(260, 600)];
    const a = analyze(gappy, options);
    expect(a.latest.ema200).toBeDefined();
    expect(a.series!.time).toHaveLength(540);
  });
});
