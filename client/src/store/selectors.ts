import { streamKey } from '../../../shared/market-basics.ts';
import type { AppState } from './app-state.ts';

const DEFAULT_PRICE_PRECISION = 2;
/** Intl and the chart's minMove both break on absurd precisions; no market quotes more decimals than this. */
const MAX_PRICE_PRECISION = 12;

export function selectPricePrecision(state: AppState): number {
  const precision = state.symbols.find((info) => info.symbol === state.symbol)?.pricePrecision;
  if (precision === undefined || !Number.isFinite(precision)) return DEFAULT_PRICE_PRECISION;
  return Math.min(MAX_PRICE_PRECISION, Math.max(0, Math.trunc(precision)));
}

export function selectLastClose(state: AppState): number | undefined {
  return state.candles.at(-1)?.close;
}

/** The stream the client should be subscribed to, or null while the offered symbols are unknown. */
export function selectWantedStreamKey(state: AppState): string | null {
  return state.symbolsStatus === 'ready' ? streamKey(state.symbol, state.timeframe) : null;
}
