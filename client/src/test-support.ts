// Builders shared by the *.test.ts files; nothing in the app imports this.
import type { Analysis, IndicatorSeries, IndicatorValues } from '../../shared/analysis.ts';
import type { Candle, Timeframe } from '../../shared/market.ts';
import type { SymbolsResponse } from '../../shared/http.ts';
import type { CandleEvent, SubscribeResult } from '../../shared/protocol.ts';
import { createAppStore } from './store/create-app-store.ts';
import type { AppStore } from './store/index.ts';

export const MINUTE = 60_000;
/** 2024-01-01T00:00:00Z, a round minute. */
export const T0 = Date.UTC(2024, 0, 1);

export function candle(time: number, close: number, open = close): Candle {
  return { time, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume: 10 };
}

/** `count` one-minute candles from `start`, closing at 100, 101, 102… */
export function minuteCandles(start: number, count: number, firstClose = 100): Candle[] {
  return Array.from({ length: count }, (_, i) => candle(start + i * MINUTE, firstClose + i));
}

export const SYMBOLS: SymbolsResponse = {
  source: { id: 'replay', kind: 'replay', label: 'Replay of recorded Binance data' },
  timeframes: ['1m', '5m', '1h'],
  symbols: [
    { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2 },
    { symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', pricePrecision: 2 },
    { symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', pricePrecision: 3 },
  ],
};

export function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

/** A store whose symbol list has loaded. */
export async function readyStore(): Promise<AppStore> {
  const store = createAppStore({ fetchSymbols: async () => SYMBOLS });
  await store.getState().loadSymbols();
  return store;
}

export function subscribeResult(
  symbol: string,
  timeframe: Timeframe,
  candles: Candle[],
  mode: SubscribeResult['mode'] = 'snapshot',
  analysis: Analysis | null = null,
): SubscribeResult {
  return {
    symbol,
    timeframe,
    mode,
    candles,
    status: { source: 'replay', symbol, timeframe, state: 'live' },
    analysis,
    prediction: null,
  };
}

/** Indicator values that are easy to check: EMA 20 is the close − 1, RSI 50, no EMA 200 yet. */
export function indicatorValues(close: number): IndicatorValues {
  return {
    ema20: close - 1,
    ema50: close - 2,
    rsi14: 50,
    bollinger: { upper: close + 5, middle: close, lower: close - 5 },
    macd: { macd: 1, signal: 0.5, histogram: close >= 100 ? 0.5 : -0.5 },
  };
}

/** The series the server would send along `candles`, built from `indicatorValues`. */
export function indicatorSeries(candles: readonly Candle[]): IndicatorSeries {
  const values = candles.map((c) => indicatorValues(c.close));
  return {
    time: candles.map((c) => c.time),
    ema20: values.map((v) => v.ema20 ?? null),
    ema50: values.map((v) => v.ema50 ?? null),
    ema200: values.map(() => null),
    bollingerUpper: values.map((v) => v.bollinger?.upper ?? null),
    bollingerMiddle: values.map((v) => v.bollinger?.middle ?? null),
    bollingerLower: values.map((v) => v.bollinger?.lower ?? null),
    rsi14: values.map((v) => v.rsi14 ?? null),
    macd: values.map((v) => v.macd?.macd ?? null),
    macdSignal: values.map((v) => v.macd?.signal ?? null),
    macdHistogram: values.map((v) => v.macd?.histogram ?? null),
  };
}

/** An analysis of `candles` with their indicator series, computed at `computedAt`. */
export function analysis(
  symbol: string,
  timeframe: Timeframe,
  candles: readonly Candle[],
  overrides: Partial<Analysis> = {},
): Analysis {
  const last = candles.at(-1);
  return {
    symbol,
    timeframe,
    source: 'replay',
    computedAt: (last?.time ?? T0) + 30_000,
    candleTime: last?.time ?? T0,
    candleCount: candles.length,
    latest: last ? indicatorValues(last.close) : {},
    summary: {
      trend: { direction: 'up', strength: 'strong', adx: 31.4 },
      momentum: { state: 'bullish', rsi: 61.2, macdHistogram: 0.5 },
      volatility: { regime: 'normal', atrPercent: 0.4213 },
      levels: { support: [99.5, 97], resistance: [110.25] },
      headline: `${symbol} ${timeframe}: uptrend (strong), momentum bullish (RSI 61)`,
    },
    fractals: [],
    series: indicatorSeries(candles),
    ...overrides,
  };
}

/** A candle event as the server pushes it, with the indicator values at the candle. */
export function candleEvent(
  symbol: string,
  timeframe: Timeframe,
  c: Candle,
  withIndicators = true,
): CandleEvent {
  return withIndicators
    ? { symbol, timeframe, candle: c, indicators: indicatorValues(c.close) }
    : { symbol, timeframe, candle: c };
}
