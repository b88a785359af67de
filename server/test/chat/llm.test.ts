import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSendResult, MessagesResponse } from '../../../shared/chat.ts';
import { createLlmPhraser } from '../../src/chat/llm/llm-phraser.ts';
import { Browser } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const WORDING = 'Bitcoin is trading about where the chart shows it, in calm conditions.';

/** A local OpenAI-compatible endpoint: answers with fixed wording, or fails while `down`. */
function fakeLlm() {
  const requests: Array<{ auth?: string; body: { model: string; messages: Array<{ content: string }> } }> =
    [];
  let down = false;
  const read = async (req: IncomingMessage) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    return JSON.parse(body) as (typeof requests)[number]['body'];
  };
  const server: Server = createServer((req, res) => {
    void read(req).then((body) => {
      requests.push({ auth: req.headers.authorization, body });
      if (down || req.url !== '/v1/chat/completions') return res.writeHead(503).end();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: WORDING } }] }));
    });
  });
  return {
    requests,
    setDown: (value: boolean) => (down = value),
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('chat answers worded by an LLM (LLM_BASE_URL)', () => {
  const llm = fakeLlm();
  let t: TestApp;
  beforeAll(async () => {
    const baseUrl = await llm.start();
    t = await startTestApp({
      chatPhraser: createLlmPhraser({ baseUrl, apiKey: 'sk-test', model: 'test-model', timeoutMs: 2_000 }),
    });
  });
  afterAll(async () => {
    await t?.close();
    await llm.close();
  });

  it('stores and sends the LLM’s wording of the engine’s figures, and the engine’s own when it fails', async () => {
    const b = new Browser(t.url);
    await b.register();
    const tab = await b.socket();
    const worded = await tab.request<ChatSendResult>('chat:send', { text: 'What is the price of BTC?' });
    if (!worded.ok) throw new Error(worded.error.message);
    expect(worded.data.message.text).toBe(WORDING);
    expect(worded.data.message.payload).toMatchObject({ intent: 'price', phrasedBy: 'llm' });
    expect(worded.data.message.payload!.figures.length).toBeGreaterThan(0);
    const [request] = llm.requests;
    expect(request).toMatchObject({ auth: 'Bearer sk-test', body: { model: 'test-model' } });
    expect(request!.body.messages.at(-1)!.content).toContain('What is the price of BTC?');

    llm.setDown(true);
    const plain = await tab.request<ChatSendResult>('chat:send', {
      conversationId: worded.data.conversationId,
      text: 'and ETH?',
    });
    tab.close();
    if (!plain.ok) throw new Error(plain.error.message);
    expect(plain.data.message.payload).toMatchObject({ symbol: 'ETH/USDT', phrasedBy: 'engine' });
    expect(plain.data.message.text).not.toBe(WORDING);

    const history = await b.json<MessagesResponse>(
      'GET',
      `/api/conversations/${worded.data.conversationId}/messages`,
    );
    expect(
      history.body.messages.filter((m) => m.role === 'assistant').map((m) => m.payload?.phrasedBy),
    ).toEqual(['llm', 'engine']);
  });
});
