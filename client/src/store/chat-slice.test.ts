import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatSendResult } from '../../../shared/chat.ts';
import { RequestError } from '../api/request.ts';
import {
  CONVERSATION_A,
  CONVERSATION_B,
  chatStore,
  conversation,
  MemoryChatApi,
  message,
  settle,
  T0,
} from '../chat/test-support.ts';
import { SESSION_ENDED_MESSAGE } from './auth-slice.ts';
import { RESEND_DELAYS_MS } from '../chat/send-retry.ts';
import type { ChatSender } from './chat-slice.ts';

const A = CONVERSATION_A;
const B = CONVERSATION_B;
const NEW = '00000000-0000-4000-8000-0000000000c0';

/** A = 70 messages and the most recent; B = 2 messages. */
function apiWithHistory(): MemoryChatApi {
  const api = new MemoryChatApi();
  api.conversations = [conversation(B, T0 + 1_000), conversation(A, T0 + 2_000)];
  api.messages.set(
    A,
    Array.from({ length: 70 }, (_, i) => message(i + 1, A)),
  );
  api.messages.set(B, [message(101, B), message(102, B)]);
  return api;
}

async function signedIn(api = apiWithHistory()) {
  const store = chatStore(api);
  await store.getState().login({ username: 'alice', password: 'correct horse' });
  return { store, api };
}

/** A sender whose answers the test hands out. */
function controlledSender() {
  type Outcome = Awaited<ReturnType<ChatSender>>;
  const calls: Array<Parameters<ChatSender>[0] & { answer: (outcome: Outcome) => void }> = [];
  const sender: ChatSender = (request) =>
    new Promise((resolve) => calls.push({ ...request, answer: resolve }));
  return { sender, calls };
}

function sendResult(conversationId: string, text: string, ids = [201, 202]): ChatSendResult {
  const question = { ...message(ids[0]!, conversationId, 'user'), text };
  return {
    conversationId,
    conversation: { ...conversation(conversationId, T0 + 9_000), title: text },
    question,
    message: message(ids[1]!, conversationId, 'assistant', 'BTC is at 64,210.50'),
  };
}

const ids = (store: Awaited<ReturnType<typeof signedIn>>['store'], id: string) =>
  store.getState().threads[id]?.messages.map((m) => m.id);

describe('history', () => {
  it('lists conversations newest first and opens the newest with its latest page', async () => {
    const { store } = await signedIn();
    await store.getState().loadConversations();
    await settle();
    const state = store.getState();
    expect(state.conversations.map((c) => c.id)).toEqual([A, B]);
    expect(state.activeConversationId).toBe(A);
    expect(ids(store, A)).toEqual(Array.from({ length: 30 }, (_, i) => String(41 + i)));
    expect(state.threads[A]).toMatchObject({ status: 'ready', nextBefore: '41' });
  });

  it('loads older pages in front of what is held until the start, then asks no more', async () => {
    const { store, api } = await signedIn();
    await store.getState().loadConversations();
    await settle();

    await store.getState().loadOlderMessages(A);
    expect(ids(store, A)?.slice(0, 2)).toEqual(['11', '12']);
    expect(ids(store, A)).toHaveLength(60);
    await store.getState().loadOlderMessages(A);
    expect(ids(store, A)).toEqual(Array.from({ length: 70 }, (_, i) => String(i + 1)));
    expect(store.getState().threads[A]?.nextBefore).toBeNull();

    const asked = api.requests.length;
    await store.getState().loadOlderMessages(A);
    expect(api.requests.length).toBe(asked);
  });

  it('keeps a message pushed while the first page is loading, once', async () => {
    const { store } = await signedIn();
    store.getState().openConversation(B);
    store.getState().receiveChatMessages({
      conversation: conversation(B, T0 + 5_000),
      messages: [message(102, B), message(103, B)],
    });
    await settle();
    expect(ids(store, B)).toEqual(['101', '102', '103']);
  });

  it('drops answers that arrive after the user changed', async () => {
    const { store } = await signedIn();
    const loading = store.getState().loadConversations();
    store.getState().resetChat();
    await loading;
    await settle();
    expect(store.getState().conversations).toEqual([]);
    expect(store.getState().threads).toEqual({});
  });
});

describe('asking', () => {
  it.each(['push', 'ack'] as const)(
    'shows a new chat question and its answer once when the %s arrives first',
    async (first) => {
      const { store } = await signedIn();
      await store.getState().loadConversations();
      await settle();
      const { sender, calls } = controlledSender();
      store.getState().setChatSender(sender);
      store.getState().openConversation(null);

      const sent = store.getState().sendChat('  What is BTC at?  ');
      expect(store.getState().pendingQuestion).toMatchObject({
        conversationId: null,
        text: 'What is BTC at?',
      });
      expect(calls[0]).toMatchObject({ text: 'What is BTC at?' });
      expect(calls[0]).not.toHaveProperty('conversationId');

      const result = sendResult(NEW, 'What is BTC at?');
      const push = () =>
        store.getState().receiveChatMessages({
          conversation: result.conversation,
          messages: [result.question, result.message],
        });
      if (first === 'push') push();
      calls[0]!.answer({ ok: true, data: result });
      await expect(sent).resolves.toBe(true);
      if (first === 'ack') push();

      const state = store.getState();
      expect(state.activeConversationId).toBe(NEW);
      expect(state.pendingQuestion).toBeNull();
      expect(ids(store, NEW)).toEqual(['201', '202']);
      expect(state.conversations.map((c) => c.id)).toEqual([NEW, A, B]);
      expect(state.lastQuestion).toBe('What is BTC at?');
    },
  );

  it('asks in the open conversation and refuses a second question until the first is answered', async () => {
    const { store } = await signedIn();
    await store.getState().loadConversations();
    await settle();
    const { sender, calls } = controlledSender();
    store.getState().setChatSender(sender);

    const first = store.getState().sendChat('and on 1h?');
    await expect(store.getState().sendChat('another')).resolves.toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ conversationId: A, text: 'and on 1h?' });
    calls[0]!.answer({ ok: true, data: sendResult(A, 'and on 1h?', [71, 72]) });
    await first;
    expect(ids(store, A)?.slice(-2)).toEqual(['71', '72']);
  });

  it('refuses empty and over-long questions without asking the server', async () => {
    const { store } = await signedIn();
    const { sender, calls } = controlledSender();
    store.getState().setChatSender(sender);
    await expect(store.getState().sendChat('   ')).resolves.toBe(false);
    await expect(store.getState().sendChat('x'.repeat(1001))).resolves.toBe(false);
    expect(store.getState().chatError?.code).toBe('INVALID_PAYLOAD');
    expect(calls).toHaveLength(0);
  });

  it('shows a rate limit inline and frees the box', async () => {
    const { store } = await signedIn();
    const { sender, calls } = controlledSender();
    store.getState().setChatSender(sender);
    const sent = store.getState().sendChat('price of ETH?');
    calls[0]!.answer({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Too many questions; wait 20 s' },
    });
    await expect(sent).resolves.toBe(false);
    expect(store.getState().chatError).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many questions; wait 20 s',
    });
    expect(store.getState().pendingQuestion).toBeNull();
  });

  it('signs the user out when the server no longer knows the session', async () => {
    const { store } = await signedIn();
    const { sender, calls } = controlledSender();
    store.getState().setChatSender(sender);
    const sent = store.getState().sendChat('price of ETH?');
    calls[0]!.answer({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } });
    await sent;
    expect(store.getState()).toMatchObject({
      user: null,
      authStatus: 'signed-out',
      authError: SESSION_ENDED_MESSAGE,
    });
  });
});

describe('pushes from other tabs', () => {
  it('moves a conversation to the top without loading it, and adds one started elsewhere whole', async () => {
    const { store } = await signedIn();
    await store.getState().loadConversations();
    await settle();
    store.getState().receiveChatMessages({
      conversation: conversation(B, T0 + 9_000),
      messages: [message(103, B), message(104, B)],
    });
    expect(store.getState().conversations.map((c) => c.id)).toEqual([B, A]);
    // B was never opened here: opening it fetches everything rather than showing only the pushed two.
    expect(store.getState().threads[B]).toBeUndefined();

    store.getState().receiveChatMessages({
      conversation: conversation(NEW, T0 + 10_000),
      messages: [message(301, NEW), message(302, NEW)],
    });
    expect(ids(store, NEW)).toEqual(['301', '302']);
    expect(store.getState().activeConversationId).toBe(A);
  });

  it('removes a deleted conversation and opens a new chat if it was the open one', async () => {
    const { store } = await signedIn();
    await store.getState().loadConversations();
    await settle();
    store.getState().removeConversation(A);
    expect(store.getState().conversations.map((c) => c.id)).toEqual([B]);
    expect(store.getState().activeConversationId).toBeNull();
    expect(store.getState().threads[A]).toBeUndefined();
  });
});

describe('deleting', () => {
  it('deletes through the API, and reports a failure without removing anything', async () => {
    const { store, api } = await signedIn();
    await store.getState().loadConversations();
    await settle();
    api.failNext = new RequestError('UNREACHABLE', 'Cannot reach the TrendScope server.');
    await expect(store.getState().deleteConversation(B)).resolves.toBe(false);
    expect(store.getState().conversations).toHaveLength(2);
    expect(store.getState().chatError?.code).toBe('UNREACHABLE');

    await expect(store.getState().deleteConversation(B)).resolves.toBe(true);
    expect(store.getState().conversations.map((c) => c.id)).toEqual([A]);
  });
});

describe('resending a question whose answer did not come back', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const unavailable = {
    ok: false as const,
    error: {
      code: 'TEMPORARILY_UNAVAILABLE' as const,
      message: 'The database is unavailable for a moment',
      retryAfterMs: 5_000,
    },
  };

  it('sends the first question of a new chat again, same clientId, while the server says it is momentary', async () => {
    const { store } = await signedIn();
    await store.getState().loadConversations();
    await settle();
    store.getState().openConversation(null);
    const { sender, calls } = controlledSender();
    store.getState().setChatSender(sender);
    vi.useFakeTimers({ toFake: ['setTimeout'] });

    const sent = store.getState().sendChat('What is BTC at?');
    calls[0]!.answer(unavailable);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().chatError).toEqual({
      code: 'TEMPORARILY_UNAVAILABLE',
      message: 'The chat is unavailable for a moment; your question was not lost — retrying…',
      resending: true,
    });
    expect(store.getState().pendingQuestion).toMatchObject({ text: 'What is BTC at?' });
    // Not before the server's Retry-After.
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ ...calls[0], answer: expect.any(Function) });
    expect(calls[1]).not.toHaveProperty('conversationId');
    expect(calls[1]!.clientId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    calls[1]!.answer({ ok: true, data: sendResult(NEW, 'What is BTC at?') });
    await expect(sent).resolves.toBe(true);
    expect(store.getState()).toMatchObject({
      chatError: null,
      pendingQuestion: null,
      activeConversationId: NEW,
    });
    expect(ids(store, NEW)).toEqual(['201', '202']);
  });

  it('sends again after the connection dropped on the way back, and stops once a push answers it', async () => {
    const { store } = await signedIn();
    await store.getState().loadConversations();
    await settle();
    const { sender, calls } = controlledSender();
    store.getState().setChatSender(sender);
    vi.useFakeTimers({ toFake: ['setTimeout'] });

    const sent = store.getState().sendChat('and on 1h?');
    calls[0]!.answer({
      ok: false,
      error: { code: 'UNREACHABLE', message: 'The connection dropped.', maybeDelivered: true },
    });
    await vi.advanceTimersByTimeAsync(RESEND_DELAYS_MS[0]);
    expect(calls.map((c) => [c.conversationId, c.clientId])).toEqual([
      [A, calls[0]!.clientId],
      [A, calls[0]!.clientId],
    ]);
    // The server, back, finished the first attempt and pushes it to every tab.
    const result = sendResult(A, 'and on 1h?', [71, 72]);
    store.getState().receiveChatMessages({
      conversation: result.conversation,
      messages: [result.question, result.message],
    });
    calls[1]!.answer({ ok: false, error: { code: 'UNREACHABLE', message: 'Not connected.' } });
    await expect(sent).resolves.toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
    expect(store.getState()).toMatchObject({ chatError: null, pendingQuestion: null });
    expect(ids(store, A)?.slice(-2)).toEqual(['71', '72']);
  });

  it('gives up after about a minute and says why, freeing the box', async () => {
    const { store } = await signedIn();
    const { sender, calls } = controlledSender();
    store.getState().setChatSender(sender);
    vi.useFakeTimers({ toFake: ['setTimeout'] });

    const sent = store.getState().sendChat('price of ETH?');
    for (let i = 0; i <= RESEND_DELAYS_MS.length; i++) {
      await vi.waitFor(() => expect(calls).toHaveLength(i + 1));
      calls[i]!.answer(unavailable);
      await vi.advanceTimersByTimeAsync(15_000);
    }
    await expect(sent).resolves.toBe(false);
    expect(new Set(calls.map((c) => c.clientId)).size).toBe(1);
    expect(store.getState().chatError).toEqual(unavailable.error);
    expect(store.getState().pendingQuestion).toBeNull();
  });

  it('does not send again what never left: no connection at all fails at once', async () => {
    const { store } = await signedIn();
    const { sender, calls } = controlledSender();
    store.getState().setChatSender(sender);
    const sent = store.getState().sendChat('price of ETH?');
    calls[0]!.answer({ ok: false, error: { code: 'UNREACHABLE', message: 'Not connected.' } });
    await expect(sent).resolves.toBe(false);
    expect(calls).toHaveLength(1);
    expect(store.getState().chatError?.code).toBe('UNREACHABLE');
  });
});
