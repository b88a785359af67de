import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSendResult, MessagesResponse } from '../../../shared/chat.ts';
import type { Phraser } from '../../src/chat/engine/phraser.ts';
import { openBreakableDatabase, type BreakableDatabase } from '../auth/breakable-database.ts';
import { Browser } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const RETRYABLE = {
  ok: false,
  error: { code: 'TEMPORARILY_UNAVAILABLE', message: expect.any(String), retryAfterMs: expect.any(Number) },
};

describe('chat while the database is unreachable', () => {
  let dataDir: string;
  let database: BreakableDatabase;
  let t: TestApp;
  /** Set by a test: the database goes away while the next answer is being worded. */
  let breakWhileAnswering = false;
  const phraser: Phraser = {
    async phrase(_question, reply) {
      if (breakWhileAnswering) database.down = true;
      return reply;
    },
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trendscope-outage-'));
    database = await openBreakableDatabase(dataDir);
    t = await startTestApp({ openDatabase: async () => database, chatPhraser: phraser });
  });
  afterAll(async () => {
    if (database) database.down = false;
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a specific, retryable error, over the socket and over HTTP', async () => {
    const browser = new Browser(t.url);
    await browser.register();
    const tab = await browser.socket();
    try {
      database.down = true;
      expect(await tab.request('chat:send', { text: 'BTC price?', clientId: randomUUID() })).toEqual(
        RETRYABLE,
      );
      const res = await browser.request('GET', '/api/conversations');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'TEMPORARILY_UNAVAILABLE' } });
    } finally {
      database.down = false;
      tab.close();
    }
  });

  it('keeps a question stored before the outage, and its retry completes it without storing it twice', async () => {
    const browser = new Browser(t.url);
    await browser.register();
    const tab = await browser.socket();
    try {
      const request = { text: 'How is ETH doing?', clientId: randomUUID() };
      breakWhileAnswering = true;
      // The question is stored, then the database goes away before the answer can be.
      expect(await tab.request('chat:send', request)).toEqual(RETRYABLE);
      breakWhileAnswering = false;
      database.down = false;

      const retried = await tab.request<ChatSendResult>('chat:send', request);
      if (!retried.ok) throw new Error(retried.error.message);
      const history = await browser.json<MessagesResponse>(
        'GET',
        `/api/conversations/${retried.data.conversationId}/messages`,
      );
      expect(history.body.messages.map((m) => [m.role, m.text])).toEqual([
        ['user', 'How is ETH doing?'],
        ['assistant', retried.data.message.text],
      ]);
    } finally {
      breakWhileAnswering = false;
      database.down = false;
      tab.close();
    }
  });
});
