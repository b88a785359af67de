import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSendResult } from '../../shared/chat.ts';
import type { Phraser } from '../src/chat/engine/phraser.ts';
import type { ChatReply } from '../src/chat/engine/chat-tools.ts';
import { Browser } from './support/accounts.ts';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { waitFor } from './support/wait.ts';

/** Holds every answer until the test lets it go: a chat question kept in flight on purpose. */
class HeldPhraser implements Phraser {
  private readonly held: Array<() => void> = [];

  phrase(_question: string, reply: ChatReply): Promise<ChatReply> {
    return new Promise((resolve) => this.held.push(() => resolve(reply)));
  }

  get waiting(): number {
    return this.held.length;
  }

  releaseAll(): void {
    for (const release of this.held.splice(0)) release();
  }
}

describe('closing the app', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function appWithQuestionInFlight(drainMs?: number) {
    const phraser = new HeldPhraser();
    const t: TestApp = await startTestApp({ chatPhraser: phraser, drainMs });
    const browser = new Browser(t.url);
    await browser.register();
    const asking = await browser.socket();
    const idle = await browser.socket();
    cleanup.push(
      () => asking.close(),
      () => idle.close(),
    );
    const answer = asking.request<ChatSendResult>(
      'chat:send',
      { text: 'BTC price?', clientId: randomUUID() },
      60_000,
    );
    await waitFor(() => phraser.waiting === 1, 'the question being answered', 30_000);
    return { t, phraser, asking, idle, answer };
  }

  it('refuses new work, lets the running question finish and acknowledges it, then closes', async () => {
    const { t, phraser, idle, answer } = await appWithQuestionInFlight();
    const closing = t.close();
    let closed = false;
    void closing.then(() => (closed = true));

    // New events on open sockets are refused as retryable; new connections and requests get nowhere.
    expect(await idle.request('subscribe', { symbol: 'BTC/USDT', timeframe: '1m' })).toEqual({
      ok: false,
      error: { code: 'TEMPORARILY_UNAVAILABLE', message: expect.any(String), retryAfterMs: 1_000 },
    });
    const newcomer = new TestClient(t.url);
    cleanup.push(() => newcomer.close());
    await expect(newcomer.connected()).rejects.toThrow();
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);

    phraser.releaseAll();
    const ack = await answer;
    expect(ack).toMatchObject({ ok: true, data: { question: { text: 'BTC price?' } } });
    await closing;
  });

  it('closes anyway once the drain bound has passed, with the work still running', async () => {
    const { t, answer } = await appWithQuestionInFlight(200);
    // The socket closes under the question: no ack, and the client retries it with its clientId.
    const unanswered = expect(answer).rejects.toThrow('disconnected');
    await t.close();
    await unanswered;
  });
});
