import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  ChatSendRequest,
  ChatSendResult,
  ConversationsResponse,
  MessagesResponse,
} from '../../../shared/chat.ts';
import type { Ack } from '../../../shared/errors.ts';
import { Browser, type ChatClient } from '../support/accounts.ts';
import { startServerProcess } from '../support/server-process.ts';

const USERS = 6;
/** Per user: questions in flight when SIGTERM arrives, and more sent while the server drains. */
const BURST = 4;
const DURING_SHUTDOWN = 2;

interface Asked {
  browser: Browser;
  request: ChatSendRequest & { clientId: string };
  ack?: Ack<ChatSendResult>;
}

/** An ack, or undefined when none came (the connection closed first, or the wait ran out). */
async function send(tab: ChatClient, request: ChatSendRequest): Promise<Ack<ChatSendResult> | undefined> {
  return tab.request<ChatSendResult>('chat:send', request, 30_000).catch(() => undefined);
}

/** How many times each question text is stored for the browser's user, read through the API. */
async function storedQuestions(browser: Browser): Promise<Map<string, string[]>> {
  const { body } = await browser.json<ConversationsResponse>('GET', '/api/conversations');
  const stored = new Map<string, string[]>();
  for (const conversation of body.conversations) {
    const page = await browser.json<MessagesResponse>(
      'GET',
      `/api/conversations/${conversation.id}/messages?limit=200`,
    );
    for (const m of page.body.messages)
      if (m.role === 'user') stored.set(m.text, [...(stored.get(m.text) ?? []), m.id]);
  }
  return stored;
}

describe('chat:send across a SIGTERM and a restart', () => {
  let dataDir: string;
  const cleanup: Array<() => unknown> = [];
  afterAll(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged question and stores each exactly once when clients retry the rest', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trendscope-drain-'));
    const env = { DATA_DIR: dataDir, REPLAY_TICK_MS: '200' };
    const first = await startServerProcess(env);
    cleanup.push(() => first.child.kill('SIGKILL'));
    const exited = new Promise((resolve) => first.child.once('exit', resolve));

    // Signed-in users, each with an open tab and a conversation to ask in.
    const users = await Promise.all(
      Array.from({ length: USERS }, async () => {
        const browser = new Browser(first.url);
        await browser.register();
        const tab = await browser.socket();
        cleanup.push(() => tab.close());
        const opened = await send(tab, { text: 'BTC price?', clientId: randomUUID() });
        if (!opened?.ok) throw new Error(`the first question failed: ${JSON.stringify(opened)}`);
        return { browser, tab, conversationId: opened.data.conversationId };
      }),
    );
    // Half in the user's conversation, half starting new ones (a retry of those has no conversation id).
    const ask = (wave: string, i: number, user: (typeof users)[number]): Asked => ({
      browser: user.browser,
      request: {
        text: `${wave} ${i}: how is ETH doing? (${user.browser.user!.username})`,
        clientId: randomUUID(),
        ...(i % 2 === 0 ? { conversationId: user.conversationId } : {}),
      },
    });
    const asked: Asked[] = [];
    const sending: Array<Promise<void>> = [];
    const sendAll = (wave: string, count: number) => {
      for (const user of users)
        for (let i = 0; i < count; i++) {
          const question = ask(wave, i, user);
          asked.push(question);
          sending.push(send(user.tab, question.request).then((ack) => void (question.ack = ack)));
        }
    };

    sendAll('burst', BURST);
    // SIGTERM as soon as the burst is being answered: the rest of it is still in flight.
    await Promise.race(sending);
    first.child.kill('SIGTERM');
    sendAll('shutdown', DURING_SHUTDOWN);
    await Promise.all(sending);
    await exited;

    // Drained, not dropped: every question sent before the SIGTERM was answered before the sockets
    // closed, acknowledged or (arriving once the drain had begun) refused as retryable.
    for (const q of asked.filter((q) => q.request.text.startsWith('burst')))
      expect(q.ack, q.request.text).toBeDefined();
    for (const q of asked.filter((q) => q.ack && !q.ack.ok))
      expect(q.ack).toMatchObject({ ok: false, error: { code: 'TEMPORARILY_UNAVAILABLE' } });
    const acknowledged = asked.filter((q) => q.ack?.ok);
    expect(acknowledged.length).toBeGreaterThan(0);

    const second = await startServerProcess(env);
    cleanup.push(() => second.child.kill('SIGKILL'));
    const again = new Map(users.map((u) => [u.browser, u.browser.at(second.url)]));

    // Every acknowledged question is stored, exactly once, as acknowledged.
    const before = new Map(
      await Promise.all(
        users.map(async (u) => [u.browser, await storedQuestions(again.get(u.browser)!)] as const),
      ),
    );
    for (const q of acknowledged) {
      const ack = q.ack as { ok: true; data: ChatSendResult };
      expect(before.get(q.browser)!.get(q.request.text), q.request.text).toEqual([ack.data.question.id]);
    }

    // Every other one is retried with its clientId, as the client does, and answered.
    const retried = asked.filter((q) => !q.ack?.ok);
    for (const user of users) {
      const tab = await again.get(user.browser)!.socket();
      cleanup.push(() => tab.close());
      for (const q of retried.filter((q) => q.browser === user.browser)) {
        const ack = await send(tab, q.request);
        expect(ack, q.request.text).toMatchObject({ ok: true, data: { question: { text: q.request.text } } });
      }
    }

    // In the end every question is stored exactly once: none lost, none twice.
    for (const user of users) {
      const stored = await storedQuestions(again.get(user.browser)!);
      for (const q of asked.filter((q) => q.browser === user.browser))
        expect(stored.get(q.request.text), q.request.text).toHaveLength(1);
    }
  }, 180_000); // two cold starts of the server process, and a drain
});
