import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSendResult, ConversationsResponse, MessagesResponse } from '../../../shared/chat.ts';
import { Browser, type ChatClient } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep } from '../support/wait.ts';

type ErrorBody = { error: { code: string; message: string } };
const NOT_FOUND = { status: 404, body: { error: { code: 'NOT_FOUND', message: 'No such conversation' } } };

/**
 * Bob tries everything on Alice's conversation, with its real id (as if it leaked) and with guessed
 * ones; he gets exactly what a conversation that does not exist gets, and Alice's history is as it was.
 */
describe('one user never reaches another’s conversations', () => {
  let t: TestApp;
  let a: Browser;
  let b: Browser;
  let aliceTab: ChatClient;
  let bobTab: ChatClient;
  let theirs: ChatSendResult;
  const guesses = () => [
    theirs.conversationId,
    theirs.conversationId.toUpperCase(),
    randomUUID(),
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    `${theirs.conversationId}' or '1'='1`,
  ];
  const aliceHistory = async () =>
    (await a.json<MessagesResponse>('GET', `/api/conversations/${theirs.conversationId}/messages`)).body;

  beforeAll(async () => {
    t = await startTestApp();
    a = new Browser(t.url);
    await a.register();
    b = new Browser(t.url);
    await b.register();
    aliceTab = await a.socket();
    bobTab = await b.socket();
    const res = await aliceTab.request<ChatSendResult>('chat:send', { text: 'Is BTC trending up on 1h?' });
    if (!res.ok) throw new Error(res.error.message);
    theirs = res.data;
    await sleep(200);
    aliceTab.messages.length = 0;
  });
  afterAll(async () => {
    aliceTab?.close();
    bobTab?.close();
    await t?.close();
  });

  it('does not list them', async () => {
    const mine = await b.json<ConversationsResponse>('GET', '/api/conversations');
    expect(mine).toEqual({ status: 200, body: { conversations: [] } });
    const hers = await a.json<ConversationsResponse>('GET', '/api/conversations');
    expect(hers.body.conversations.map((c) => c.id)).toEqual([theirs.conversationId]);
  });

  it('does not read them', async () => {
    for (const id of guesses()) {
      const path = `/api/conversations/${encodeURIComponent(id)}/messages`;
      expect(await b.json<ErrorBody>('GET', path), id).toEqual(NOT_FOUND);
      expect(await b.json<ErrorBody>('GET', `${path}?before=999999&limit=200`), id).toEqual(NOT_FOUND);
    }
  });

  it('does not append to them over the socket', async () => {
    const before = await aliceHistory();
    for (const id of [theirs.conversationId, randomUUID()]) {
      const res = await bobTab.request('chat:send', { conversationId: id, text: 'mine now' });
      expect(res, id).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such conversation' } });
    }
    expect(await aliceHistory()).toEqual(before);
    // Nor did the attempt open a conversation for Bob, or push anything to anyone.
    expect((await b.json<ConversationsResponse>('GET', '/api/conversations')).body.conversations).toEqual([]);
    await sleep(200);
    expect(aliceTab.messages).toEqual([]);
    expect(bobTab.messages).toEqual([]);
  });

  it('does not delete them', async () => {
    for (const id of guesses()) {
      expect(await b.json('DELETE', `/api/conversations/${encodeURIComponent(id)}`), id).toEqual(NOT_FOUND);
    }
    expect((await aliceHistory()).messages).toHaveLength(2);
    await sleep(200);
    expect(aliceTab.deleted).toEqual([]);
  });

  it('does not see them being answered', async () => {
    const res = await aliceTab.request<ChatSendResult>('chat:send', {
      conversationId: theirs.conversationId,
      text: 'and on 4h?',
    });
    expect(res.ok).toBe(true);
    await sleep(300);
    expect(aliceTab.messages).toHaveLength(1);
    expect(bobTab.messages).toEqual([]);
  });
});
