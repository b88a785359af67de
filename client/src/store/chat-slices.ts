import type { AuthApi } from '../api/auth.ts';
import type { ChatApi } from '../api/chat.ts';
import { createAuthSlice } from './auth-slice.ts';
import { createChatSlice } from './chat-slice.ts';
import type { AppStore } from './index.ts';

/**
 * Adds the account and chat slices to a store built with the chart's slices alone. In the app, the
 * chat's chunk does it once it has loaded (chat/chat-feature.ts); tests get them from createAppStore.
 */
export function installChatSlices(store: AppStore, apis: { authApi: AuthApi; chatApi: ChatApi }): void {
  const args = [store.setState, store.getState, store] as const;
  store.setState({ ...createAuthSlice(apis.authApi)(...args), ...createChatSlice(apis.chatApi)(...args) });
}
