import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSendResult } from '../../../shared/chat.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol.ts';
import { chatStore, conversation, message, settle, T0 } from '../chat/test-support.ts';
import type { AppSocket } from './binding.ts';
import { bindChat } from './chat-binding.ts';

const NEW = '00000000-0000-4000-8000-0000000000c0';

/**
 * A real Socket.IO server speaking the chat protocol as the app's does: the asking socket gets the
 * ack, and every socket of the user (here: every socket) the `chat:message` push.
 */
async function startChatServer(options: { dropFirstQuestion?: boolean } = {}) {
  const httpServer = createServer();
  const server = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer);
  let connections = 0;
  let nextId = 201;
  // Every chat:send the server received, answered or not.
  const received: Array<{ text: string; clientId?: string }> = [];
  server.on('connection', (socket) => {
    connections++;
    socket.prependAny((event, request) => {
      if (event === 'chat:send') received.push(request as { text: string; clientId?: string });
    });
    socket.on('chat:send', (request, ack) => {
      if (options.dropFirstQuestion && received.length === 1) {
        // Gone before answering, as a server restarting: the transport closes, the client reconnects.
        socket.conn.close();
        return;
      }
      const id = nextId;
      nextId += 2;
      const conversationId = request.conversationId ?? NEW;
      const result: ChatSendResult = {
        conversationId,
        conversation: { ...conversation(conversationId, T0 + id), title: request.text },
        question: { ...message(id, conversationId, 'user'), text: request.text.trim() },
        message: message(id + 1, conversationId, 'assistant', 'RSI 14 is 61.2'),
      };
      // The push goes out first, as it may in the app: the binding must not show the answer twice.
      server.emit('chat:message', {
        conversation: result.conversation,
        messages: [result.question, result.message],
      });
      ack({ ok: true, data: result });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));

  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    server,
    url,
    connections: () => connections,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tab(url: string) {
  const store = chatStore();
  const socket: AppSocket = io(url, { transports: ['websocket'], forceNew: true });
  const unbind = bindChat(store, socket);
  cleanups.push(() => socket.disconnect(), unbind);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { store, socket };
}

async function signIn(store: ReturnType<typeof chatStore>) {
  await store.getState().login({ username: 'alice', password: 'correct horse' });
  // The binding loads the conversations of the user who just signed in.
  await expect.poll(() => store.getState().conversationsStatus).toBe('ready');
}

describe('the chat binding over a real Socket.IO connection', () => {
  it('signing in reconnects the socket, so the new handshake carries the session cookie', async () => {
    const server = await startChatServer();
    cleanups.push(server.close);
    const { store, socket } = await tab(server.url);
    expect(server.connections()).toBe(1);

    await signIn(store);
    await expect.poll(() => server.connections()).toBe(2);
    await expect.poll(() => socket.connected).toBe(true);
    expect(store.getState().socketState).not.toBe('offline');
  });

  it('asks over the socket and shows the answer once in this tab and in another tab of the user', async () => {
    const server = await startChatServer();
    cleanups.push(server.close);
    const asking = await tab(server.url);
    const other = await tab(server.url);
    await signIn(asking.store);
    await signIn(other.store);

    await expect(asking.store.getState().sendChat("What's the RSI of ETH on 15m?")).resolves.toBe(true);
    await settle();

    for (const { store } of [asking, other]) {
      await expect
        .poll(() => store.getState().threads[NEW]?.messages.map((m) => m.id))
        .toEqual(['201', '202']);
      expect(store.getState().conversations.map((c) => c.id)).toEqual([NEW]);
    }
    expect(asking.store.getState().activeConversationId).toBe(NEW);
    // The other tab keeps what it had open: a new chat.
    expect(other.store.getState().activeConversationId).toBeNull();
  });

  it('removes a conversation deleted in another tab', async () => {
    const server = await startChatServer();
    cleanups.push(server.close);
    const { store } = await tab(server.url);
    await signIn(store);
    await store.getState().sendChat('price of BTC?');
    expect(store.getState().conversations).toHaveLength(1);

    server.server.emit('chat:deleted', { conversationId: NEW });
    await expect.poll(() => store.getState().conversations).toEqual([]);
    expect(store.getState().activeConversationId).toBeNull();
  });

  it('fails a question at once, with a clear error, when the server is gone', async () => {
    const server = await startChatServer();
    cleanups.push(server.close);
    const { store, socket } = await tab(server.url);
    await signIn(store);
    await expect.poll(() => socket.connected).toBe(true);
    server.server.disconnectSockets(true);
    await expect.poll(() => socket.connected).toBe(false);

    const started = Date.now();
    await expect(store.getState().sendChat('price of BTC?')).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(store.getState().chatError?.code).toBe('UNREACHABLE');
    expect(store.getState().pendingQuestion).toBeNull();
  });

  it('sends a question again, same clientId, after the connection dropped before its answer', async () => {
    const server = await startChatServer({ dropFirstQuestion: true });
    cleanups.push(server.close);
    const { store } = await tab(server.url);
    await signIn(store);

    // The first attempt reaches a server that goes away before answering; the socket reconnects.
    await expect(store.getState().sendChat('price of BTC?')).resolves.toBe(true);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]).toEqual(server.received[0]);
    expect(server.received[0]!.clientId).toEqual(expect.any(String));
    expect(store.getState().threads[NEW]?.messages.map((m) => m.id)).toEqual(['201', '202']);
    expect(store.getState().chatError).toBeNull();
  }, 30_000);
});
