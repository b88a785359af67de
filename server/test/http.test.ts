import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandlesResponse, ReadinessResponse, SymbolsResponse } from '../../shared/http.ts';
import { TIMEFRAMES, TIMEFRAME_MS, bucketStart } from '../../shared/market.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { unpackCandles } from '../../shared/snapshot.ts';

describe('HTTP API', () => {
  let t: TestApp;
  let staticDir: string;
  const get = (path: string) => fetch(`${t.url}${path}`);

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'trendscope-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>TrendScope</title>');
    t = await startTestApp({ staticDir });
  });
  afterAll(async () => {
    await t?.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('reports health and readiness of each part', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = (await (await get('/readyz')).json()) as ReadinessResponse;
    expect(ready.ready).toBe(true);
    expect(ready.checks).toMatchObject({
      market: { ok: true },
      cache: { ok: true },
      database: { ok: true, detail: 'pglite' },
    });
  });

  it('lists the source, the symbols and every timeframe', async () => {
    const body = (await (await get('/api/symbols')).json()) as SymbolsResponse;
    expect(body.source).toEqual({ id: 'replay', kind: 'replay', label: 'Replay of recorded Binance data' });
    expect(body.timeframes).toEqual([...TIMEFRAMES]);
    expect(body.symbols.map((s) => s.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT']);
    expect(body.symbols.find((s) => s.symbol === 'SOL/USDT')?.pricePrecision).toBe(4);
  });

  it.each(TIMEFRAMES)('serves %s candles up to now, aligned and ascending', async (tf) => {
    const res = await get(`/api/candles?symbol=${encodeURIComponent('BTC/USDT')}&timeframe=${tf}&limit=100`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as CandlesResponse;
    expect(body.encoding).toBe('columns/1');
    const candles = unpackCandles(body.candles);
    expect(candles).toHaveLength(100);
    expect(candles.every((c) => c.time === bucketStart(c.time, tf))).toBe(true);
    expect(candles.every((c, i) => i === 0 || c.time > candles[i - 1]!.time)).toBe(true);
    expect(candles.at(-1)!.time).toBeGreaterThanOrEqual(bucketStart(t.clock(), tf) - TIMEFRAME_MS[tf]);
  });

  it.each([
    ['/api/candles?symbol=BTC/USDT&timeframe=3h', 400, 'UNSUPPORTED_TIMEFRAME'],
    ['/api/candles?symbol=XRP/USDT&timeframe=1m', 404, 'UNKNOWN_SYMBOL'],
    ['/api/candles?symbol=BTC/USDT&timeframe=1m&limit=abc', 400, 'INVALID_PAYLOAD'],
    ['/api/candles?symbol=BTC/USDT&timeframe=1m&limit=0', 400, 'INVALID_PAYLOAD'],
    ['/api/candles?timeframe=1m', 400, 'INVALID_PAYLOAD'],
    ['/api/candles?symbol=BTC/USDT&symbol=ETH/USDT&timeframe=1m', 400, 'INVALID_PAYLOAD'],
    ['/api/nothing-here', 404, 'NOT_FOUND'],
  ])('GET %s → %i %s', async (path, status, code) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).not.toMatch(/\n\s+at /);
  });

  it('answers a malformed JSON body with a clear 400', async () => {
    const res = await fetch(`${t.url}/api/candles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_PAYLOAD');
  });

  it('serves the SPA for client-side routes', async () => {
    const res = await get('/some/client/route');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>TrendScope</title>');
  });
});

describe('GET /api/candles revalidation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ speed: 1 });
  });
  afterAll(() => t?.close());

  /** node:http, not fetch: fetch adds `Cache-Control: no-cache` to a conditional request. */
  const get = (url: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; etag?: string }>((resolve, reject) =>
      httpGet(url, { headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag }));
      }).on('error', reject),
    );

  it('answers an unchanged history 304 to its ETag', async () => {
    const url = `${t.url}/api/candles?symbol=BTC/USDT&timeframe=1d&limit=100`;
    // A cold stream's history is cached per minute: at a minute's turn it may change, so try twice.
    for (let attempt = 0; attempt < 2; attempt++) {
      const first = await get(url);
      expect(first.etag).toBeTruthy();
      if ((await get(url, { 'if-none-match': first.etag! })).status === 304) return;
    }
    expect.fail('the same history never answered 304');
  });
});
