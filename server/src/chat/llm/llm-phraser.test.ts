import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRecordedChatTools,
  type RecordedChatTools,
} from '../../../test/support/recorded-chat-tools.ts';
import { createChatEngine } from '../engine/chat-engine.ts';
import type { ChatReply } from '../engine/chat-tools.ts';
import { createLlmPhraser } from './llm-phraser.ts';

interface Completion {
  status?: number;
  /** The assistant's message; by default the engine's answer with a preamble, as a faithful model would. */
  content?: string;
  body?: unknown;
  delayMs?: number;
}

interface SeenRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: Array<{ role: string; content: string }> };
}

/** A local OpenAI-compatible server: answers each request as `next` says and records what it got. */
async function fakeOpenAi() {
  const seen: SeenRequest[] = [];
  let next: Completion = {};
  const read = async (req: IncomingMessage) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return JSON.parse(raw) as SeenRequest['body'];
  };
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    const { status = 200, delayMs = 0 } = next;
    await new Promise((r) => setTimeout(r, delayMs));
    const facts = JSON.parse(body.messages[1]!.content.split('\n')[1]!) as { answer: string };
    const content = next.content ?? `In short: ${facts.answer}`;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(next.body ?? { choices: [{ index: 0, message: { role: 'assistant', content } }] }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    seen,
    answer(completion: Completion) {
      next = completion;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('LLM phraser against an OpenAI-compatible server', () => {
  let llm: Awaited<ReturnType<typeof fakeOpenAi>>;
  let tools: RecordedChatTools;
  let engineReply: ChatReply;
  const question = 'price of BTC';

  beforeAll(async () => {
    llm = await fakeOpenAi();
    tools = await createRecordedChatTools({ symbols: ['BTC/USDT', 'ETH/USDT'], predictions: 'none' });
    engineReply = await createChatEngine(tools).reply(question, undefined);
  });
  afterAll(() => llm.close());

  const phraser = (timeoutMs = 2000, failures: unknown[] = []) =>
    createLlmPhraser({
      baseUrl: `${llm.baseUrl}/`,
      apiKey: 'test-key',
      model: 'small-model',
      timeoutMs,
      onFallback: (e) => failures.push(e),
    });

  it('sends the question and the engine’s figures, and uses the wording when it keeps to them', async () => {
    llm.answer({ content: `Bitcoin trades at ${engineReply.payload.figures[0]!.value} right now.` });
    const reply = await phraser().phrase(question, engineReply);
    expect(reply.text).toBe(`Bitcoin trades at ${engineReply.payload.figures[0]!.value} right now.`);
    expect(reply.payload).toEqual({ ...engineReply.payload, phrasedBy: 'llm' });

    const request = llm.seen.at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.authorization).toBe('Bearer test-key');
    expect(request.body.model).toBe('small-model');
    expect(request.body.messages[0]!.role).toBe('system');
    expect(request.body.messages[0]!.content).toMatch(/only the facts/i);
    const user = request.body.messages[1]!.content;
    expect(user).toContain(question);
    expect(user).toContain(engineReply.text);
    for (const f of engineReply.payload.figures) expect(user).toContain(f.value);
  });

  it.each([
    ['an HTTP error', { status: 500, body: { error: { message: 'overloaded' } } }],
    ['a reply that is not a completion', { body: { id: 'x', object: 'chat.completion' } }],
    ['an empty message', { content: '   ' }],
    ['a number that is not in the facts', { content: 'Bitcoin is at 61,000.00 and heading for 70,000.' }],
  ] as const)('falls back to the engine’s text on %s', async (_name, completion) => {
    llm.answer(completion);
    const failures: unknown[] = [];
    const reply = await phraser(2000, failures).phrase(question, engineReply);
    expect(reply).toEqual(engineReply);
    expect(reply.payload.phrasedBy).toBe('engine');
    expect(failures).toHaveLength(1);
  });

  it('falls back when the model takes longer than the timeout', async () => {
    llm.answer({ delayMs: 1500 });
    const started = performance.now();
    const reply = await phraser(200).phrase(question, engineReply);
    expect(reply).toEqual(engineReply);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('falls back when nothing listens at the address', async () => {
    const down = createLlmPhraser({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 });
    expect(await down.phrase(question, engineReply)).toEqual(engineReply);
  });

  it('phrases engine answers that carry figures, and leaves the rest to the engine', async () => {
    llm.answer({});
    const engine = createChatEngine(tools, { phraser: phraser() });
    const before = llm.seen.length;
    const rsi = await engine.reply('RSI of ETH on 1h', undefined);
    expect(rsi.payload.phrasedBy).toBe('llm');
    expect(rsi.text).toMatch(/^In short: RSI \(14\) of ETH\/USDT on 1h is \d+\.\d/);
    expect(rsi.payload.figures.length).toBeGreaterThan(0);
    const help = await engine.reply('help', undefined);
    expect(help.payload.phrasedBy).toBe('engine');
    expect(llm.seen.length - before).toBe(1);
  });
});
