import { BollingerBands, OBV, RSI, SMA, StochasticOscillator } from 'trading-signals';
import type { IndicatorValues } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { LiveIndicatorsFactory } from '../streams/port.ts';

const DAY = 86_400_000;

/**
 * EMA seeded with the SMA of its first `period` values, as technicalindicators and the textbook do
 * (trading-signals seeds with the first price and answers before it has `period` values). State
 * stands at the last closed value; the forming one is evaluated on top until a newer one arrives.
 */
class SeededEma {
  private readonly k: number;
  private count = 0;
  private sum = 0;
  private ema?: number;
  private forming?: number;

  constructor(private readonly period: number) {
    this.k = 2 / (period + 1);
  }

  update(value: number, replace: boolean): number | null {
    if (!replace && this.forming !== undefined) this.commit(this.forming);
    this.forming = value;
    if (this.count + 1 < this.period) return null;
    if (this.count + 1 === this.period) return (this.sum + value) / this.period;
    return value * this.k + this.ema! * (1 - this.k);
  }

  private commit(value: number): void {
    this.count++;
    if (this.count < this.period) this.sum += value;
    else if (this.count === this.period) this.ema = (this.sum + value) / this.period;
    else this.ema = value * this.k + this.ema! * (1 - this.k);
  }
}

/** MACD(12, 26, 9) on seeded EMAs; the signal line is an EMA of the MACD values once they exist. */
class SeededMacd {
  private readonly fast = new SeededEma(12);
  private readonly slow = new SeededEma(26);
  private readonly signal = new SeededEma(9);

  update(value: number, replace: boolean): IndicatorValues['macd'] | null {
    const fast = this.fast.update(value, replace);
    const slow = this.slow.update(value, replace);
    if (fast === null || slow === null) return null;
    const macd = fast - slow;
    const signal = this.signal.update(macd, replace);
    return signal === null ? null : { macd, signal, histogram: macd - signal };
  }
}

/**
 * Wilder's ATR seeded with the mean of the first `period` true ranges. As in technicalindicators, a
 * true range needs the previous close, so the first candle only provides that close.
 */
class SeededAtr {
  private count = 0;
  private sum = 0;
  private atr?: number;
  private previousClose?: number;
  private forming?: Candle;

  constructor(private readonly period: number) {}

  update(candle: Candle, replace: boolean): number | null {
    if (!replace && this.forming) this.commit(this.forming);
    this.forming = candle;
    const tr = this.trueRange(candle);
    if (tr === undefined || this.count + 1 < this.period) return null;
    if (this.count + 1 === this.period) return (this.sum + tr) / this.period;
    return (this.atr! * (this.period - 1) + tr) / this.period;
  }

  private trueRange(c: Candle): number | undefined {
    const p = this.previousClose;
    return p === undefined ? undefined : Math.max(c.high - c.low, Math.abs(c.high - p), Math.abs(c.low - p));
  }

  private commit(c: Candle): void {
    const tr = this.trueRange(c);
    this.previousClose = c.close;
    if (tr === undefined) return;
    this.count++;
    if (this.count < this.period) this.sum += tr;
    else if (this.count === this.period) this.atr = (this.sum + tr) / this.period;
    else this.atr = (this.atr! * (this.period - 1) + tr) / this.period;
  }
}

/** Wilder's running sum: the sum of the first `period` values, then s − s/period + x. */
class WilderSum {
  private count = 0;
  private value = 0;

  constructor(private readonly period: number) {}

  peek(x: number): number | undefined {
    if (this.count + 1 < this.period) return undefined;
    return this.count + 1 === this.period ? this.value + x : this.value - this.value / this.period + x;
  }

  commit(x: number): void {
    this.value = this.count + 1 <= this.period ? this.value + x : this.value - this.value / this.period + x;
    this.count++;
  }
}

/** Wilder's average: the mean of the first `period` values, then prev + (x − prev)/period. */
class WilderAverage {
  private readonly sum: WilderSum;

  constructor(private readonly period: number) {
    this.sum = new WilderSum(period);
  }

  peek(x: number): number | undefined {
    const s = this.sum.peek(x);
    return s === undefined ? undefined : s / this.period;
  }

  commit(x: number): void {
    this.sum.commit(x);
  }
}

/**
 * ADX(14) with +DI and −DI as technicalindicators defines them: Wilder sums of true range and
 * directional movement, DX from the DIs, and ADX a Wilder average of DX. (trading-signals seeds
 * these differently, and only converges to the same values after a few hundred candles.)
 */
class SeededAdx {
  private readonly tr = new WilderSum(14);
  private readonly plus = new WilderSum(14);
  private readonly minus = new WilderSum(14);
  private readonly dx = new WilderAverage(14);
  private previous?: Candle;
  private forming?: Candle;

  update(candle: Candle, replace: boolean): IndicatorValues['adx14'] | null {
    if (!replace && this.forming) this.commit(this.forming);
    this.forming = candle;
    const step = this.step(candle);
    if (!step) return null;
    const tr = this.tr.peek(step.tr);
    const plus = this.plus.peek(step.plus);
    const minus = this.minus.peek(step.minus);
    if (tr === undefined || plus === undefined || minus === undefined) return null;
    const plusDI = (plus * 100) / tr;
    const minusDI = (minus * 100) / tr;
    const adx = this.dx.peek((Math.abs(plusDI - minusDI) / (plusDI + minusDI)) * 100);
    return adx === undefined ? null : { adx, plusDI, minusDI };
  }

  private step(c: Candle) {
    const p = this.previous;
    if (!p) return undefined;
    const up = c.high - p.high;
    const down = p.low - c.low;
    return {
      tr: Math.max(c.high - c.low, Math.abs(c.high - p.close), Math.abs(c.low - p.close)),
      plus: up > down && up > 0 ? up : 0,
      minus: down > up && down > 0 ? down : 0,
    };
  }

  private commit(c: Candle): void {
    const step = this.step(c);
    this.previous = c;
    if (!step) return;
    const tr = this.tr.peek(step.tr);
    const plus = this.plus.peek(step.plus);
    const minus = this.minus.peek(step.minus);
    this.tr.commit(step.tr);
    this.plus.commit(step.plus);
    this.minus.commit(step.minus);
    if (tr === undefined || plus === undefined || minus === undefined) return;
    const plusDI = (plus * 100) / tr;
    const minusDI = (minus * 100) / tr;
    this.dx.commit((Math.abs(plusDI - minusDI) / (plusDI + minusDI)) * 100);
  }
}

/**
 * Daily VWAP as two running sums. Kept here rather than trading-signals' VWAP, which skips a
 * zero-volume candle (how an exchange's forming candle starts) and then, on the next replace,
 * subtracts the previous closed candle instead: its sums drift.
 */
class DailyVwap {
  private day = -1;
  private priceVolume = 0;
  private volume = 0;
  private forming?: { priceVolume: number; volume: number };

  update(candle: Candle, replace: boolean): number | null {
    const day = Math.floor(candle.time / DAY);
    if (!replace && day !== this.day) {
      this.day = day;
      this.priceVolume = 0;
      this.volume = 0;
      this.forming = undefined;
    }
    if (!replace && this.forming) {
      this.priceVolume += this.forming.priceVolume;
      this.volume += this.forming.volume;
    }
    this.forming = {
      priceVolume: ((candle.high + candle.low + candle.close) / 3) * candle.volume,
      volume: candle.volume,
    };
    const volume = this.volume + this.forming.volume;
    return volume > 0 ? (this.priceVolume + this.forming.priceVolume) / volume : null;
  }
}

/**
 * The indicator set kept up to date candle by candle, without recomputing history: the state stands
 * at the last closed candle and the forming one is evaluated on top of it (trading-signals' `replace`),
 * so a tick costs O(1) per indicator instead of a pass over the window. trading-signals is used where
 * its definitions match technicalindicators'; EMA, MACD, ATR, ADX and VWAP are kept here (see below). Its values
 * equal the batch analysis (technicalindicators) over the same candles; a test holds the two together.
 */
export class LiveIndicators {
  private readonly sma = [new SMA(20), new SMA(50), new SMA(200)] as const;
  private readonly ema = [new SeededEma(20), new SeededEma(50), new SeededEma(200)] as const;
  private readonly rsi = new RSI(14);
  private readonly macd = new SeededMacd();
  private readonly bollinger = new BollingerBands(20, 2);
  private readonly atr = new SeededAtr(14);
  private readonly stochastic = new StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 1, dPeriod: 3 });
  private readonly adx = new SeededAdx();
  private readonly obv = new OBV(2);
  private readonly vwap = new DailyVwap();
  private lastTime?: number;
  private current: IndicatorValues = {};

  constructor(history: readonly Candle[] = []) {
    for (const c of history) this.update(c);
  }

  get values(): IndicatorValues {
    return this.current;
  }

  /** A new time appends a candle; the same time again replaces the forming one. Older candles are ignored. */
  update(candle: Candle): IndicatorValues {
    if (this.lastTime !== undefined && candle.time < this.lastTime) return this.current;
    const replace = this.lastTime === candle.time;
    this.lastTime = candle.time;
    const step = <R>(indicator: { update(input: never, replace: boolean): R }, input: unknown): R =>
      indicator.update(input as never, replace);

    const close = candle.close;
    const [sma20, sma50, sma200] = this.sma.map((i) => step(i, close));
    const [ema20, ema50, ema200] = this.ema.map((i) => i.update(close, replace));
    const rsi = step(this.rsi, close);
    const macd = this.macd.update(close, replace);
    const bands = step(this.bollinger, close);
    const atr = this.atr.update(candle, replace);
    const stoch = step(this.stochastic, candle);
    const adx = this.adx.update(candle, replace);
    const obv = step(this.obv, candle);
    const vwap = this.vwap.update(candle, replace);

    const v: IndicatorValues = {};
    const set = <K extends keyof IndicatorValues>(key: K, value: IndicatorValues[K] | null | undefined) => {
      if (value !== null && value !== undefined) v[key] = value;
    };
    set('sma20', sma20);
    set('sma50', sma50);
    set('sma200', sma200);
    set('ema20', ema20);
    set('ema50', ema50);
    set('ema200', ema200);
    // technicalindicators reports RSI to two decimals; so do we, so both agree to the digit.
    set('rsi14', rsi === null ? null : Number(rsi.toFixed(2)));
    set('macd', macd);
    set('bollinger', bands && { upper: bands.upper, middle: bands.middle, lower: bands.lower });
    set('atr14', atr);
    set('stochastic', stoch && { k: stoch.stochK, d: stoch.stochD });
    set('adx14', adx);
    // OBV counts from zero at the first candle of the window, like the batch analysis.
    set('obv', obv ?? 0);
    set('vwap', vwap);
    this.current = v;
    return v;
  }
}

/** What the chart draws, taken from the full set: small enough to ride on every candle event. */
export function chartIndicators(v: IndicatorValues): IndicatorValues {
  const out: IndicatorValues = {};
  for (const key of ['ema20', 'ema50', 'ema200', 'rsi14', 'macd', 'bollinger'] as const) {
    if (v[key] !== undefined) (out as Record<string, unknown>)[key] = v[key];
  }
  return out;
}

/** The hub's live indicators: the full set kept incrementally, handed out as what the chart draws. */
export const liveChartIndicators: LiveIndicatorsFactory = (history) => {
  const live = new LiveIndicators(history);
  let current = chartIndicators(live.values);
  return {
    get current() {
      return current;
    },
    update(candle) {
      current = chartIndicators(live.update(candle));
      return current;
    },
  };
};
