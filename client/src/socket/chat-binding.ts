import type { ChatDeletedEvent, ChatMessageEvent } from '../../../shared/chat.ts';
import { UNREACHABLE_MESSAGE } from '../api/request.ts';
import type { ChatSender } from '../store/chat-slice.ts';
import type { AppStore } from '../store/index.ts';
import type { AppSocket } from './binding.ts';

/** An answer may need a forecast computed first; longer than this and the server is not answering. */
const SEND_TIMEOUT_MS = 30_000;

/**
 * Connects the chat to the socket, outside React: questions go out through `chat:send`, pushed
 * answers and deletions come into the store, and a change of session reconnects the socket so the
 * server knows who is asking. Returns a function that detaches it all.
 */
export function bindChat(store: AppStore, socket: AppSocket): () => void {
  const actions = () => store.getState();
  /** True between a deliberate reconnect for a new session and its `connect`. */
  let reconnectingForSession = false;
  let hasConnected = false;

  const send: ChatSender = (request) =>
    new Promise((resolve) => {
      // While a new session connects, socket.io buffers the question; a lost server would only time out.
      if (!socket.connected && !reconnectingForSession) {
        resolve({ ok: false, error: { code: 'UNREACHABLE', message: UNREACHABLE_MESSAGE } });
        return;
      }
      socket.timeout(SEND_TIMEOUT_MS).emit('chat:send', request, (failure, ack) => {
        if (!failure) return resolve(ack);
        // The question may have reached the server either way: the slice sends it again, same clientId.
        const dropped = socket.disconnected;
        resolve({
          ok: false,
          error: {
            code: 'UNREACHABLE',
            message: dropped
              ? 'The connection dropped before the answer arrived. Try again.'
              : 'The server did not answer in time. Try again.',
            maybeDelivered: true,
          },
        });
      });
    });
  actions().setChatSender(send);

  const stopWatchingSession = store.subscribe((state, previous) => {
    if (state.sessionVersion !== previous.sessionVersion) {
      // The handshake reads the session cookie once; only a new connection carries the new one. The
      // market binding resubscribes the chart on `connect`.
      reconnectingForSession = true;
      socket.disconnect();
      actions().setSocketState('connecting');
      socket.connect();
    }
    if (state.user?.id !== previous.user?.id) {
      actions().resetChat();
      if (state.user) void actions().loadConversations();
    }
  });

  const onMessage = (event: ChatMessageEvent) => actions().receiveChatMessages(event);
  const onDeleted = (event: ChatDeletedEvent) => actions().removeConversation(event.conversationId);
  const onConnect = () => {
    // After a dropped connection pushes may have been missed; a new session loads from scratch anyway.
    const resync = hasConnected && !reconnectingForSession && actions().user !== null;
    hasConnected = true;
    reconnectingForSession = false;
    if (resync) void actions().resyncChat();
  };
  const onConnectError = () => {
    // The new connection failed: from now on a question fails at once instead of waiting in a buffer.
    reconnectingForSession = false;
  };

  socket.on('chat:message', onMessage);
  socket.on('chat:deleted', onDeleted);
  socket.on('connect', onConnect);
  socket.on('connect_error', onConnectError);
  if (socket.connected) hasConnected = true;
  // The session may have been read before this binding existed.
  if (actions().user !== null && actions().conversationsStatus === 'idle') void actions().loadConversations();

  return () => {
    stopWatchingSession();
    actions().setChatSender(null);
    socket.off('chat:message', onMessage);
    socket.off('chat:deleted', onDeleted);
    socket.off('connect', onConnect);
    socket.off('connect_error', onConnectError);
  };
}
