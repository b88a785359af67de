import { createContext, useContext } from 'react';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { fetchSymbols } from '../api/fetch-symbols.ts';
import { createAnalysisSlice } from './analysis-slice.ts';
import type { AppState } from './app-state.ts';
import { createConnectionSlice } from './connection-slice.ts';
import { createMarketSlice, type MarketDeps } from './market-slice.ts';

/**
 * The chart's slices only. The store is typed with all of AppState, but the account and chat slices
 * join later (store/chat-slices.ts), from the chat's own chunk: the first paint does not wait for
 * their code. Nothing outside that chunk reads them.
 */
export function createChartStore(deps: MarketDeps) {
  return createStore<AppState>()(
    (...args) =>
      ({
        ...createMarketSlice(deps)(...args),
        ...createConnectionSlice(...args),
        ...createAnalysisSlice()(...args),
      }) as AppState,
  );
}

export type AppStore = ReturnType<typeof createChartStore>;

/** One request for the symbol list, however many chart stores ask at once; a failed one is asked again. */
function sharedFetch<T>(fetch: () => Promise<T>): () => Promise<T> {
  let request: Promise<T> | null = null;
  return () =>
    (request ??= fetch().catch((error: unknown) => {
      request = null;
      throw error;
    }));
}

/** How every chart store of the app loads the symbol list. */
export const chartStoreDeps: MarketDeps = { fetchSymbols: sharedFetch(fetchSymbols) };

/** The first chart of the layout, which also carries the account and chat slices. */
export const appStore: AppStore = createChartStore(chartStoreDeps);

/**
 * The chart store a component works on: its own chart's inside a chart of the layout, the active
 * chart's in the header (App.tsx provides both), and `appStore` outside any, where the account and
 * chat slices live.
 */
export const PaneStoreContext = createContext<AppStore>(appStore);

/** Select one field at a time: a selector returning a fresh object would re-render on every tick. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useContext(PaneStoreContext), selector);
}
