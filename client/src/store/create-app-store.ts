import { authApi, type AuthApi } from '../api/auth.ts';
import { chatApi, type ChatApi } from '../api/chat.ts';
import { installChatSlices } from './chat-slices.ts';
import { createChartStore, type AppStore } from './index.ts';
import type { MarketDeps } from './market-slice.ts';

export interface StoreDeps extends MarketDeps {
  /** The real HTTP APIs when absent. */
  authApi?: AuthApi;
  chatApi?: ChatApi;
}

/**
 * The framework-free store with every slice at once; tests build their own with fake dependencies.
 * The app builds its store in two steps instead (store/index.ts, then chat/chat-feature.ts), so that
 * the chat's code stays out of the first paint.
 */
export function createAppStore(deps: StoreDeps): AppStore {
  const store = createChartStore(deps);
  installChatSlices(store, { authApi: deps.authApi ?? authApi, chatApi: deps.chatApi ?? chatApi });
  return store;
}
