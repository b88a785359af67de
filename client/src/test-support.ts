// Builders shared by the *.test.ts files; nothing in the app imports this.
import type { Candle, Timeframe } from '../../shared/market.ts';
import type { SymbolsResponse } from '../../shared/http.ts';
import type { SubscribeResult } from '../../shared/protocol.ts';
import { createAppStore, type AppStore } from './store/index.ts';

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
export async function readyStore(storage = memoryStorage()): Promise<AppStore> {
  const store = createAppStore({ fetchSymbols: async () => SYMBOLS, storage });
  await store.getState().loadSymbols();
  return store;
}

export function subscribeResult(
  symbol: string,
  timeframe: Timeframe,
  candles: Candle[],
  mode: SubscribeResult['mode'] = 'snapshot',
): SubscribeResult {
  return { symbol, timeframe, mode, candles, status: { source: 'replay', symbol, timeframe, state: 'live' } };
}
