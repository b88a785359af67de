import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYMBOLS } from '../test-support.ts';
import { fetchSymbols } from './fetch-symbols.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answer(body: string, status = 200) {
  vi.stubGlobal(
    'fetch',
    async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }),
  );
}

describe('fetchSymbols', () => {
  it('returns the symbol list', async () => {
    answer(JSON.stringify(SYMBOLS));
    await expect(fetchSymbols()).resolves.toEqual(SYMBOLS);
  });

  it("surfaces the server's error message", async () => {
    answer(
      JSON.stringify({ error: { code: 'UPSTREAM_UNAVAILABLE', message: 'Binance is unreachable' } }),
      503,
    );
    await expect(fetchSymbols()).rejects.toThrow('Binance is unreachable');
  });

  it('rejects a response that is not a symbol list, such as an HTML page', async () => {
    answer('<!doctype html><html></html>');
    await expect(fetchSymbols()).rejects.toThrow('unexpected symbol list');
  });

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(fetchSymbols()).rejects.toThrow('Cannot reach');
  });
});
