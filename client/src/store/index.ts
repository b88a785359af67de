import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { authApi, type AuthApi } from '../api/auth.ts';
import { chatApi, type ChatApi } from '../api/chat.ts';
import { fetchSymbols } from '../api/fetch-symbols.ts';
import { createAnalysisSlice } from './analysis-slice.ts';
import type { AppState } from './app-state.ts';
import { createAuthSlice } from './auth-slice.ts';
import { createChatSlice } from './chat-slice.ts';
import { createConnectionSlice } from './connection-slice.ts';
import { createMarketSlice, type MarketDeps } from './market-slice.ts';
import type { SelectionStorage } from './selection.ts';

export interface StoreDeps extends MarketDeps {
  /** The real HTTP APIs when absent. */
  authApi?: AuthApi;
  chatApi?: ChatApi;
}

/** The framework-free store; tests build their own with fake dependencies. */
export function createAppStore(deps: StoreDeps) {
  return createStore<AppState>()((...args) => ({
    ...createMarketSlice(deps)(...args),
    ...createConnectionSlice(...args),
    ...createAnalysisSlice({ storage: deps.storage })(...args),
    ...createAuthSlice(deps.authApi ?? authApi)(...args),
    ...createChatSlice(deps.chatApi ?? chatApi)(...args),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

function browserStorage(): SelectionStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Reading `localStorage` throws when storage is blocked for the site.
    return undefined;
  }
}

export const appStore: AppStore = createAppStore({ fetchSymbols, storage: browserStorage() });

/** Select one field at a time: a selector returning a fresh object would re-render on every tick. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
