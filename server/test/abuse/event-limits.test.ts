import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../../shared/errors.ts';
import { TestClient } from '../support/socket-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const codes = (acks: Ack<unknown>[]) => acks.map((a) => (a.ok ? 'ok' : a.error.code));

describe('socket event limits', () => {
  let t: TestApp;
  const clients: TestClient[] = [];
  const client = async () => {
    const c = new TestClient(t.url);
    clients.push(c);
    await c.connected();
    return c;
  };
  beforeAll(async () => {
    t = await startTestApp({ eventLimits: { perSocket: 10, perIp: 25, windowSeconds: 60 } });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('answers a socket past its allowance RATE_LIMITED with the wait, before parsing anything', async () => {
    const flooder = await client();
    const acks = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        flooder.request(i % 2 ? 'unsubscribe' : 'subscribe', {
          symbol: 'BTC/USDT',
          timeframe: '1m',
          limit: 5,
        }),
      ),
    );
    expect(codes(acks).slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    const limited = acks[13] as Extract<Ack<unknown>, { ok: false }>;
    expect(limited.error.retryAfterMs).toBeGreaterThan(0);
    expect(limited.error.message).toMatch(/try again in \d+ s/);
    // Garbage counts too, and is refused without reaching the handlers.
    const garbage = await flooder.request('subscribe', '\u0000'.repeat(1000));
    expect(codes([garbage])).toEqual(['RATE_LIMITED']);
  });

  it('leaves other sockets served, until the address as a whole is past its allowance', async () => {
    const second = await client();
    const ok = await second.request('subscribe', { symbol: 'ETH/USDT', timeframe: '1m', limit: 5 });
    expect(codes([ok])).toEqual(['ok']);
    // 15 events of the first socket and 1 of this one so far; the address allows 25.
    const more = await Promise.all(
      Array.from({ length: 12 }, () =>
        second.request('unsubscribe', { symbol: 'SOL/USDT', timeframe: '1m' }),
      ),
    );
    expect(codes(more).filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(3);
    const third = await client();
    expect(codes([await third.request('unsubscribe', { symbol: 'SOL/USDT', timeframe: '1m' })])).toEqual([
      'RATE_LIMITED',
    ]);
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('disconnects a socket that keeps sending at ten times its allowance', async () => {
    const flooder = await client();
    const closed = new Promise<string>((resolve) => flooder.socket.once('disconnect', resolve));
    // 10 allowed, then refused; past 100 in the window the server stops listening to it.
    for (let i = 0; i < 120; i++)
      flooder.socket.emit('unsubscribe', { symbol: 'SOL/USDT', timeframe: '1m' }, () => undefined);
    expect(await closed).toBe('io server disconnect');
  });
});
