import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import type { CandlesResponse } from '../../shared/http.ts';
import { unpackCandles } from '../../shared/snapshot.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers, the body as sent (fetch would decode it and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const decode = ({ headers, body }: RawAnswer): string =>
  (headers['content-encoding'] === 'br'
    ? brotliDecompressSync(body)
    : headers['content-encoding'] === 'gzip'
      ? gunzipSync(body)
      : body
  ).toString();

const IMMUTABLE = 'public, max-age=31536000, immutable';
const CANDLES = `/api/candles?symbol=${encodeURIComponent('BTC/USDT')}&timeframe=1m&limit=200`;
// A stand-in for a build: an entry chunk the build precompressed, a chunk it did not.
const ENTRY = `export const app = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `chunk ${i}`))};\n`;
const LAZY = `export const lazy = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `lazy ${i}`))};\n`;

describe('HTTP compression and caching', () => {
  let t: TestApp;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'trendscope-static-'));
    await mkdir(join(staticDir, 'assets'));
    await writeFile(
      join(staticDir, 'index.html'),
      '<!doctype html><title>TrendScope</title><script type="module" src="/assets/index-abc123.js"></script>',
    );
    await writeFile(join(staticDir, 'assets', 'index-abc123.js'), ENTRY);
    await writeFile(join(staticDir, 'assets', 'index-abc123.js.br'), brotliCompressSync(ENTRY));
    await writeFile(join(staticDir, 'assets', 'index-abc123.js.gz'), gzipSync(ENTRY));
    await writeFile(join(staticDir, 'assets', 'lazy-def456.js'), LAZY);
    t = await startTestApp({ staticDir });
  });
  afterAll(async () => {
    await t?.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('answers JSON in brotli when asked, gzip when only gzip is accepted, plain otherwise', async () => {
    const br = await get(t.url + CANDLES, { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get(t.url + CANDLES, { 'accept-encoding': 'gzip' });
    const plain = await get(t.url + CANDLES);
    expect([br.status, gz.status, plain.status]).toEqual([200, 200, 200]);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(unpackCandles((JSON.parse(decode(br)) as CandlesResponse).candles)).toHaveLength(200);
    expect(unpackCandles((JSON.parse(decode(gz)) as CandlesResponse).candles)).toHaveLength(200);
  });

  it('compresses small JSON answers too', async () => {
    const health = await get(`${t.url}/healthz`, { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(health))).toEqual({ status: 'ok' });
  });

  it('serves the precompressed asset, immutable for a year', async () => {
    const br = await get(`${t.url}/assets/index-abc123.js`, { 'accept-encoding': 'gzip, br' });
    const gz = await get(`${t.url}/assets/index-abc123.js`, { 'accept-encoding': 'gzip' });
    const plain = await get(`${t.url}/assets/index-abc123.js`);
    for (const answer of [br, gz, plain]) {
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
      expect(answer.headers['cache-control']).toBe(IMMUTABLE);
      expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
      expect(decode(answer)).toBe(ENTRY);
    }
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('compresses an asset the build did not precompress on the fly', async () => {
    const br = await get(`${t.url}/assets/lazy-def456.js`, { 'accept-encoding': 'br' });
    const gz = await get(`${t.url}/assets/lazy-def456.js`, { 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(decode(br)).toBe(LAZY);
    expect(decode(gz)).toBe(LAZY);
  });

  it('revalidates index.html and the SPA fallback on every load', async () => {
    for (const path of ['/', '/index.html', '/some/client/route']) {
      const page = await get(t.url + path, { 'accept-encoding': 'br' });
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(decode(page)).toContain('<title>TrendScope</title>');
    }
  });

  it('answers 404 for a missing asset rather than the SPA', async () => {
    const missing = await get(`${t.url}/assets/gone-000000.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toBe(IMMUTABLE);
  });

  it('leaves Socket.IO working over long-polling and WebSocket', async () => {
    for (const transports of [['polling'], ['websocket']]) {
      // Engine.IO answers /socket.io/ before Express sees it (no Accept-Encoding here: Node's polling
      // client cannot decode the gzip Engine.IO itself would then send; browsers can).
      const client = new TestClient(t.url, { transports });
      try {
        await client.connected();
        const ack = await client.request('subscribe', { symbol: 'BTC/USDT', timeframe: '1m' });
        expect(ack).toMatchObject({ ok: true });
      } finally {
        client.close();
      }
    }
  });
});
