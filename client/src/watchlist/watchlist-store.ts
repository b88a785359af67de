import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { mergeTicker, type Ticker, type TickerUpdate } from '../../../shared/tickers.ts';
import { nextSort, type SortKey, type WatchlistSort } from './sort-tickers.ts';
import {
  readWatchlistPreference,
  writeWatchlistPreference,
  type PreferenceStorage,
} from './watchlist-preference.ts';

/** Who needs tickers now: an open watchlist needs every symbol, a header only its chart's. */
export interface TickerDemand {
  all: number;
  symbols: Readonly<Record<string, number>>;
}

export interface WatchlistState {
  /** The latest ticker of every symbol received, by symbol. */
  tickers: Readonly<Record<string, Ticker>>;
  demand: TickerDemand;
  /** Why the tickers could not be had, until they can. */
  error: string | null;
  open: boolean;
  sort: WatchlistSort;

  /** Registers a need for every symbol's ticker, or one symbol's; call the result when it ends. */
  need: (what: 'all' | { symbol: string }) => () => void;
  applySnapshot: (tickers: readonly Ticker[]) => void;
  applyUpdates: (updates: readonly TickerUpdate[]) => void;
  fail: (message: string) => void;
  setOpen: (open: boolean) => void;
  sortBy: (key: SortKey) => void;
}

export interface WatchlistDeps {
  storage?: PreferenceStorage;
  /** The window's width at start: a narrow one starts with the panel folded. */
  width: number;
}

/**
 * The tickers as they arrive (socket/ticker-binding.ts writes them, outside React) and the watchlist's
 * fold and sort. Apart from the chart stores: a ticker belongs to no chart, and every chart's header
 * reads the same one.
 */
export function createWatchlistStore({ storage, width }: WatchlistDeps) {
  return createStore<WatchlistState>()((set, get) => {
    const remember = () => writeWatchlistPreference(storage, { open: get().open, sort: get().sort });
    const merged = (incoming: readonly TickerUpdate[]) => {
      const known = get().tickers;
      let tickers: Record<string, Ticker> | undefined;
      for (const update of incoming) {
        const ticker = mergeTicker(known[update.symbol], update);
        if (ticker === known[update.symbol]) continue;
        tickers ??= { ...known };
        tickers[update.symbol] = ticker;
      }
      if (tickers) set({ tickers });
    };
    const count = (counts: Readonly<Record<string, number>>, symbol: string, by: number) => {
      const next = { ...counts, [symbol]: (counts[symbol] ?? 0) + by };
      if (next[symbol]! <= 0) delete next[symbol];
      return next;
    };
    const change = (what: 'all' | { symbol: string }, by: number) => {
      const { demand } = get();
      set({
        demand:
          what === 'all'
            ? { ...demand, all: demand.all + by }
            : { ...demand, symbols: count(demand.symbols, what.symbol, by) },
      });
    };

    return {
      tickers: {},
      demand: { all: 0, symbols: {} },
      error: null,
      ...readWatchlistPreference(storage, width),

      need: (what) => {
        change(what, 1);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          change(what, -1);
        };
      },
      applySnapshot: (tickers) => {
        merged(tickers);
        if (get().error !== null) set({ error: null });
      },
      applyUpdates: merged,
      fail: (message) => set({ error: message }),
      setOpen: (open) => {
        if (open === get().open) return;
        set({ open });
        remember();
      },
      sortBy: (key) => {
        set({ sort: nextSort(get().sort, key) });
        remember();
      },
    };
  });
}

export type WatchlistStore = ReturnType<typeof createWatchlistStore>;

function browserStorage(): PreferenceStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Reading `localStorage` throws when storage is blocked for the site.
    return undefined;
  }
}

export const watchlistStore: WatchlistStore = createWatchlistStore({
  storage: browserStorage(),
  width: globalThis.innerWidth ?? 0,
});

/** Select one field at a time, as with the chart stores. */
export function useWatchlist<T>(selector: (state: WatchlistState) => T): T {
  return useStore(watchlistStore, selector);
}

/** A symbol's ticker, followed for as long as the calling component shows it; null follows none. */
export function useTicker(symbol: string | null): Ticker | undefined {
  useEffect(() => (symbol === null ? undefined : watchlistStore.getState().need({ symbol })), [symbol]);
  return useWatchlist((state) => (symbol === null ? undefined : state.tickers[symbol]));
}
