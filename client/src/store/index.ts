import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { fetchSymbols } from '../api/fetch-symbols.ts';
import { createAnalysisSlice } from './analysis-slice.ts';
import type { AppState } from './app-state.ts';
import { createConnectionSlice } from './connection-slice.ts';
import { createMarketSlice, type MarketDeps } from './market-slice.ts';
import type { SelectionStorage } from './selection.ts';

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
        ...createAnalysisSlice({ storage: deps.storage })(...args),
      }) as AppState,
  );
}

export type AppStore = ReturnType<typeof createChartStore>;

function browserStorage(): SelectionStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Reading `localStorage` throws when storage is blocked for the site.
    return undefined;
  }
}

export const appStore: AppStore = createChartStore({ fetchSymbols, storage: browserStorage() });

/** Select one field at a time: a selector returning a fresh object would re-render on every tick. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
