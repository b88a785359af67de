import { isSymbol, isTimeframe, type Timeframe } from '../../../shared/market-basics.ts';

export interface Selection {
  symbol: string;
  timeframe: Timeframe;
}

export const DEFAULT_SELECTION: Selection = Object.freeze({ symbol: 'BTC/USDT', timeframe: '1m' });

/** Where the selection was kept before workspaces; read once, to start a visitor's first workspace. */
const STORAGE_KEY = 'trendscope.selection';

export type SelectionStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readSelection(storage: SelectionStorage | undefined): Selection {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_SELECTION;
    const stored = JSON.parse(raw) as { symbol?: unknown; timeframe?: unknown };
    // The protocol's own rules without a schema library, which would weigh on the first paint.
    return {
      symbol: isSymbol(stored.symbol) ? stored.symbol : DEFAULT_SELECTION.symbol,
      timeframe: isTimeframe(stored.timeframe) ? stored.timeframe : DEFAULT_SELECTION.timeframe,
    };
  } catch {
    return DEFAULT_SELECTION;
  }
}

/** Keeps a remembered choice when the server offers it, else the default, else the first offered. */
export function resolveSelection(
  wanted: Selection,
  offered: { symbols: readonly string[]; timeframes: readonly Timeframe[] },
): Selection {
  const pick = <T>(value: T, fallback: T, options: readonly T[]): T =>
    options.includes(value) ? value : options.includes(fallback) ? fallback : (options[0] ?? value);
  return {
    symbol: pick(wanted.symbol, DEFAULT_SELECTION.symbol, offered.symbols),
    timeframe: pick(wanted.timeframe, DEFAULT_SELECTION.timeframe, offered.timeframes),
  };
}
