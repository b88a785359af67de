import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('client errors over HTTP', () => {
  let t: TestApp;
  let staticDir: string;
  beforeAll(async () => {
    // A built SPA: its catch-all route and the static files decode the path.
    staticDir = await mkdtemp(join(tmpdir(), 'trendscope-spa-'));
    await mkdir(join(staticDir, 'assets'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>TrendScope</title>');
    t = await startTestApp({ staticDir });
  });
  afterAll(async () => {
    await t?.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  it.each(['/%zz', '/chart/%E0%A4%A', '/%c0%ae%c0%ae/x'])(
    'answers bad percent-encoding in %s with 400, not 500',
    async (path) => {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toBe('INVALID_PAYLOAD');
    },
  );

  it('answers an API path with bad percent-encoding as no such endpoint', async () => {
    const res = await fetch(`${t.url}/api/%`);
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toBe('NOT_FOUND');
  });

  it.each(['latin1', 'iso-8859-1', 'nonsense'])(
    'answers a JSON body in charset %s with 415',
    async (charset) => {
      const res = await fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': `application/json; charset=${charset}` },
        body: '{"username":"x","password":"y"}',
      });
      expect(res.status).toBe(415);
      expect(await errorOf(res)).toBe('UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('answers a body that is not JSON with 400', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe('INVALID_PAYLOAD');
  });
});
