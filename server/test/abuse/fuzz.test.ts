import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type Ack } from '../../../shared/errors.ts';
import { createLogger } from '../../src/kernel/logger.ts';
import { Browser } from '../support/accounts.ts';
import { TestClient } from '../support/socket-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { fuzzRequest, fuzzValue, prng } from './fuzz-inputs.ts';

/** What must never reach a client: a stack frame or a file of ours. */
const LEAK = /\bat [\w.<>]+ \(|node_modules|\/server\/src\/|\.ts:\d+/;
const SOCKET_INPUTS = 6_000;
const HTTP_REQUESTS = 4_000;

describe('fuzzed input', () => {
  let t: TestApp;
  const logged: Array<{ level: number; msg: string }> = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    t = await startTestApp({
      logger: createLogger('warn', sink),
      // The fuzzer is one client sending thousands of events: past any fair allowance on purpose.
      eventLimits: { perSocket: 1_000_000, perIp: 1_000_000, windowSeconds: 1 },
      httpRequestsPerMinute: 0,
    });
  });
  afterAll(() => t?.close());

  it(`answers ${SOCKET_INPUTS} fuzzed socket events with a known error code or data, and stays up`, async () => {
    const rand = prng(11);
    const browser = new Browser(t.url);
    await browser.register();
    const visitor = new TestClient(t.url);
    const member = await browser.socket();
    await visitor.connected();
    const events = [
      'subscribe',
      'unsubscribe',
      'chat:send',
      'tickers:subscribe',
      'tickers:unsubscribe',
      'alert:create',
      'alert:update',
      'alert:delete',
      'alert:list',
      'alert:seen',
      'nonsense',
      '__proto__',
    ];
    const codes = new Map<string, number>();
    for (let sent = 0; sent < SOCKET_INPUTS; sent += 200) {
      const acks = await Promise.all(
        Array.from({ length: 200 }, (_, i) => {
          const event = events[Math.floor(rand() * events.length)]!;
          const payload = fuzzValue(rand);
          const on = i % 2 ? visitor : member;
          // An event nobody handles gets no ack: a short wait is the answer.
          return on.request(event, payload, event === 'nonsense' || event === '__proto__' ? 50 : 10_000).then(
            (ack) => ack,
            () => undefined,
          );
        }),
      );
      for (const ack of acks as Array<Ack<unknown> | undefined>) {
        if (!ack) continue;
        const code = ack.ok ? 'ok' : ack.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (!ack.ok) {
          expect(ERROR_CODES).toContain(ack.error.code);
          expect(ack.error.message).not.toMatch(LEAK);
        }
      }
    }
    expect(codes.get('INTERNAL') ?? 0).toBe(0);
    expect(codes.get('INVALID_PAYLOAD')).toBeGreaterThan(100);
    visitor.close();
    member.close();
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it(`answers ${HTTP_REQUESTS} fuzzed HTTP requests without a 5xx or a stack trace`, async () => {
    const rand = prng(7);
    const statuses = new Map<number, number>();
    for (let sent = 0; sent < HTTP_REQUESTS; sent += 100) {
      await Promise.all(
        Array.from({ length: 100 }, async () => {
          const r = fuzzRequest(rand);
          const res = await fetch(`${t.url}${r.path}`, {
            method: r.method,
            headers: r.headers,
            body: r.body,
          });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${r.method} ${r.path} ${r.headers['content-type'] ?? ''}`).toBeLessThan(500);
          expect(text).not.toMatch(LEAK);
          if (res.status >= 400 && r.path.startsWith('/api/'))
            expect(ERROR_CODES, `${r.method} ${r.path}`).toContain(JSON.parse(text).error.code);
        }),
      );
    }
    expect(statuses.get(400)).toBeGreaterThan(100);
  });

  it('logged no unexpected error while being fuzzed', () => {
    expect(logged.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
  });
});
