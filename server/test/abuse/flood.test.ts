import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEFRAMES } from '../../../shared/market.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import type { CandlesResponse } from '../../../shared/http.ts';
import { unpackCandles } from '../../../shared/snapshot.ts';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'];
const DISTINCT_REQUESTS = 3_000;

describe('a flood of cold requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Real time, so the flood stays within a minute or two of cache buckets.
    t = await startTestApp({ speed: 1, httpRequestsPerMinute: 0 });
  });
  afterAll(() => t?.close());

  it(`serves ${DISTINCT_REQUESTS} distinct /api/candles queries from a bounded set of cache entries`, async () => {
    const before = t.source.fetches;
    const started = Date.now();
    for (let i = 0; i < DISTINCT_REQUESTS; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, j) => {
          const n = i + j;
          const symbol = SYMBOLS[n % SYMBOLS.length]!;
          const timeframe = TIMEFRAMES[Math.floor(n / SYMBOLS.length) % TIMEFRAMES.length]!;
          const limit = 1 + (n % 200);
          const res = await fetch(
            `${t.url}/api/candles?symbol=${symbol}&timeframe=${timeframe}&limit=${limit}`,
          );
          expect(res.status).toBe(200);
          const body = (await res.json()) as CandlesResponse;
          expect(unpackCandles(body.candles).length).toBeLessThanOrEqual(limit);
        }),
      );
    }
    // Every limit shares one entry per stream, fetch size and minute: not one per query.
    const minutes = Math.ceil((Date.now() - started) / 60_000) + 1;
    const streams = SYMBOLS.length * TIMEFRAMES.length;
    expect(t.source.fetches - before).toBeLessThanOrEqual(streams * minutes * 2);
  });
});

describe('requests per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ httpRequestsPerMinute: 20, trustProxy: 'loopback' });
  });
  afterAll(() => t?.close());

  it('answers an address past its allowance 429 with Retry-After, and serves other addresses', async () => {
    const from = (address: string) =>
      fetch(`${t.url}/api/symbols`, { headers: { 'x-forwarded-for': address } });
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await from('203.0.113.7')).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    const refused = await from('203.0.113.7');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await from('198.51.100.4')).status).toBe(200);
    // Liveness is never counted.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
