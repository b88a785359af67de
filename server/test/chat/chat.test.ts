import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSendResult, ConversationsResponse, MessagesResponse } from '../../../shared/chat.ts';
import type { SubscribeResult } from '../../../shared/protocol.ts';
import { Browser, type ChatClient } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep, waitFor } from '../support/wait.ts';

type ErrorBody = { error: { code: string; message: string } };

describe('chat over Socket.IO and HTTP', () => {
  let t: TestApp;
  const sockets: ChatClient[] = [];
  const open = async (b: Browser) => {
    const s = await b.socket();
    sockets.push(s);
    return s;
  };
  const send = (s: ChatClient, payload: unknown) => s.request<ChatSendResult>('chat:send', payload);
  const ask = async (s: ChatClient, payload: unknown) => {
    const res = await send(s, payload);
    if (!res.ok) throw new Error(`chat:send failed: ${res.error.code} ${res.error.message}`);
    return res.data;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => t?.close());

  it('lets a visitor watch charts but not chat', async () => {
    const visitor = await open(new Browser(t.url));
    const res = await send(visitor, { text: 'price of BTC?' });
    expect(res).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in to chat' } });
    const chart = await visitor.request<SubscribeResult>('subscribe', {
      symbol: 'BTC/USDT',
      timeframe: '1m',
    });
    expect(chart.ok && chart.data.candles.length).toBeGreaterThan(100);
    await visitor.request('unsubscribe', { symbol: 'BTC/USDT', timeframe: '1m' });
  });

  it('answers a first question in a new conversation titled after it, and sends it to every tab', async () => {
    const alice = new Browser(t.url);
    await alice.register();
    const bob = new Browser(t.url);
    await bob.register();
    const [tab1, tab2, bobTab] = [await open(alice), await open(alice), await open(bob)];

    const question =
      '  What is the   price of BTC right now? I would like to know before I decide anything  ';
    const sent = await ask(tab1, { text: question });
    expect(sent.conversation.title).toBe('What is the price of BTC right now? I would like to know…');
    expect(sent.conversationId).toBe(sent.conversation.id);
    expect(sent.question).toMatchObject({ role: 'user', text: question.trim(), payload: null });
    expect(sent.message).toMatchObject({
      role: 'assistant',
      conversationId: sent.conversationId,
      payload: { intent: 'price', symbol: 'BTC/USDT', phrasedBy: 'engine' },
    });
    expect(sent.message.text).toMatch(/BTC/);
    expect(Number(sent.message.id)).toBeGreaterThan(Number(sent.question.id));

    // Both tabs of the asker get the question and its answer; nobody else does.
    for (const tab of [tab1, tab2]) {
      const [event] = await waitFor(() => tab.messages.length > 0 && tab.messages, 'the chat:message push');
      expect(event).toEqual({ conversation: sent.conversation, messages: [sent.question, sent.message] });
    }
    await sleep(200);
    expect(bobTab.messages).toEqual([]);

    const list = await alice.json<ConversationsResponse>('GET', '/api/conversations');
    expect(list.body.conversations).toEqual([sent.conversation]);
    const history = await alice.json<MessagesResponse>(
      'GET',
      `/api/conversations/${sent.conversationId}/messages`,
    );
    expect(history).toEqual({ status: 200, body: { messages: [sent.question, sent.message] } });
    expect((await bob.json<ConversationsResponse>('GET', '/api/conversations')).body.conversations).toEqual(
      [],
    );
  });

  it('answers a follow-up from the context the conversation left', async () => {
    const b = new Browser(t.url);
    await b.register();
    const s = await open(b);
    const first = await ask(s, { text: 'What is the trend of ETH on 4h?' });
    expect(first.message.payload?.context).toMatchObject({ symbol: 'ETH/USDT', timeframe: '4h' });
    const next = await ask(s, { conversationId: first.conversationId, text: 'and the RSI?' });
    expect(next.conversationId).toBe(first.conversationId);
    expect(next.conversation.title).toBe(first.conversation.title);
    expect(next.message.payload?.context).toMatchObject({ symbol: 'ETH/USDT', timeframe: '4h' });
    expect(next.conversation.updatedAt).toBeGreaterThanOrEqual(first.conversation.updatedAt);
  });

  it.each([
    ['no text', {}, 'text'],
    ['empty text', { text: '   ' }, 'text must not be empty'],
    ['too long a text', { text: 'x'.repeat(1001) }, 'at most 1000'],
    ['a conversation id that is not one', { conversationId: 'abc', text: 'hi' }, 'conversationId'],
    ['no object at all', 'price of BTC', ''],
    ['null', null, ''],
    ['a NUL character', { text: 'price of \u0000BTC' }, 'control characters'],
    ['an escape character', { text: 'price of \u001b[31mBTC' }, 'control characters'],
  ])('refuses %s with INVALID_PAYLOAD', async (_name, payload, says) => {
    const b = new Browser(t.url);
    await b.register();
    const res = await send(await open(b), payload);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('INVALID_PAYLOAD');
    expect(res.error.message).toContain(says);
    expect((await b.json<ConversationsResponse>('GET', '/api/conversations')).body.conversations).toEqual([]);
  });

  it('limits each user to their allowance of questions across tabs, and says how long to wait', async () => {
    const limited = await startTestApp({ questionsPerMinute: 3 });
    try {
      const b = new Browser(limited.url);
      await b.register();
      const [tab1, tab2] = [await open(b), await open(b)];
      const replies = [];
      for (const tab of [tab1, tab2, tab1, tab2]) replies.push(await send(tab, { text: 'price of BTC?' }));
      expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
      const refused = replies[3]!;
      expect(!refused.ok && refused.error.retryAfterMs).toBeGreaterThan(0);
      // The refused question was not stored.
      const list = await b.json<ConversationsResponse>('GET', '/api/conversations');
      expect(list.body.conversations).toHaveLength(3);
      // Another user has an allowance of their own.
      const other = new Browser(limited.url);
      await other.register();
      expect((await send(await open(other), { text: 'price of ETH?' })).ok).toBe(true);
    } finally {
      await limited.close();
    }
  });

  it('pages the history over HTTP and refuses a bad page query', async () => {
    const b = new Browser(t.url);
    await b.register();
    const s = await open(b);
    const first = await ask(s, { text: 'BTC price' });
    for (const text of ['ETH price', 'SOL price'])
      await ask(s, { conversationId: first.conversationId, text });
    const path = `/api/conversations/${first.conversationId}/messages`;
    const newest = await b.json<MessagesResponse>('GET', `${path}?limit=4`);
    expect(newest.body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(newest.body.messages[0]!.text).toBe('ETH price');
    const older = await b.json<MessagesResponse>('GET', `${path}?limit=4&before=${newest.body.nextBefore}`);
    expect(older.body.messages.map((m) => m.text)[0]).toBe('BTC price');
    expect(older.body.messages).toHaveLength(2);
    expect(older.body.nextBefore).toBeUndefined();

    for (const query of ['limit=0', 'limit=201', 'limit=x', 'before=abc', 'before=-1']) {
      const res = await b.json<ErrorBody>('GET', `${path}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    }
  });

  it('deletes a conversation and tells every tab of the user', async () => {
    const b = new Browser(t.url);
    await b.register();
    const [tab1, tab2] = [await open(b), await open(b)];
    const sent = await ask(tab1, { text: 'levels of BNB' });
    const res = await b.request('DELETE', `/api/conversations/${sent.conversationId}`);
    expect(res.status).toBe(204);
    for (const tab of [tab1, tab2]) await waitFor(() => tab.deleted.length > 0, 'the chat:deleted push');
    expect(tab2.deleted).toEqual([{ conversationId: sent.conversationId }]);
    const gone = await b.json<ErrorBody>('GET', `/api/conversations/${sent.conversationId}/messages`);
    expect(gone).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await b.request('DELETE', `/api/conversations/${sent.conversationId}`)).status).toBe(404);
    // …and the conversation cannot be continued either.
    const late = await send(tab2, { conversationId: sent.conversationId, text: 'and now?' });
    expect(late).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('takes chat away from the sockets of a session that logged out, and only from those', async () => {
    const here = new Browser(t.url);
    const user = await here.register();
    const elsewhere = new Browser(t.url);
    await elsewhere.json('POST', '/api/auth/login', {
      username: user.username,
      password: 'correct horse battery staple',
    });
    const [hereTab, elsewhereTab] = [await open(here), await open(elsewhere)];

    expect((await here.json('POST', '/api/auth/logout')).status).toBe(204);
    await ask(elsewhereTab, { text: 'BTC price' });
    await waitFor(() => elsewhereTab.messages.length > 0, 'the push to the tab still signed in');
    await sleep(200);
    expect(hereTab.messages).toEqual([]);
    const refused = await send(hereTab, { text: 'BTC price' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // The signed-out tab still watches charts.
    const chart = await hereTab.request('subscribe', { symbol: 'ETH/USDT', timeframe: '5m', limit: 10 });
    expect(chart.ok).toBe(true);
    await hereTab.request('unsubscribe', { symbol: 'ETH/USDT', timeframe: '5m' });
  });

  it('needs a session for every chat endpoint', async () => {
    const visitor = new Browser(t.url);
    for (const [method, path] of [
      ['GET', '/api/conversations'],
      ['GET', '/api/conversations/00000000-0000-4000-8000-000000000000/messages'],
      ['DELETE', '/api/conversations/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await visitor.json<ErrorBody>(method, path);
      expect(res, `${method} ${path}`).toMatchObject({
        status: 401,
        body: { error: { code: 'UNAUTHENTICATED' } },
      });
    }
  });
});
