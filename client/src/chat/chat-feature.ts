import { authApi } from '../api/auth.ts';
import { chatApi } from '../api/chat.ts';
import type { AppSocket } from '../socket/binding.ts';
import { bindChat } from '../socket/chat-binding.ts';
import { installChatSlices } from '../store/chat-slices.ts';
import type { AppStore } from '../store/index.ts';

// Accounts and chat: one chunk, loaded beside the chart (main.tsx), never before its first candles.
export { ChatPanel } from './ChatPanel.tsx';

/** Adds accounts and chat to the store, connects them to the socket, and asks who is signed in. */
export function installChat(store: AppStore, socket: AppSocket): void {
  installChatSlices(store, { authApi, chatApi });
  bindChat(store, socket);
  void store.getState().loadMe();
}
