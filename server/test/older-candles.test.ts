import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandlesResponse } from '../../shared/http.ts';
import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../shared/market.ts';
import { unpackCandles } from '../../shared/snapshot.ts';
import { readRecordedCsv, recordedFile } from '../src/market/replay/recorded-candles.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/** The replay's wall clock at a fixed date, moving in real time from there. */
const clockFrom = (iso: string) => {
  const origin = Date.now();
  const at = Date.parse(iso);
  return () => at + (Date.now() - origin);
};

function candlesUrl(t: TestApp, timeframe: Timeframe, query: Record<string, string | number>): string {
  const params = new URLSearchParams({ symbol: 'BTC/USDT', timeframe });
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  return `${t.url}/api/candles?${params.toString()}`;
}

async function candles(t: TestApp, timeframe: Timeframe, query: Record<string, number>): Promise<Candle[]> {
  const res = await fetch(candlesUrl(t, timeframe, query));
  expect(res.status).toBe(200);
  return unpackCandles(((await res.json()) as CandlesResponse).candles);
}

/** Pages back from `first` until a page comes back empty, as a chart scrolled to the left does. */
async function pageBack(t: TestApp, timeframe: Timeframe, first: number, limit: number): Promise<Candle[][]> {
  const pages: Candle[][] = [];
  for (let before = first; ;) {
    const page = await candles(t, timeframe, { before, limit });
    if (page.length === 0) return pages;
    expect(page.length).toBeLessThanOrEqual(limit);
    expect(page.at(-1)!.time).toBeLessThan(before);
    pages.unshift(page);
    before = page[0]!.time;
  }
}

/** node:http, not fetch: fetch adds `Cache-Control: no-cache` to a conditional request. */
const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; etag?: string }>((resolve, reject) =>
    httpGet(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag }));
    }).on('error', reject),
  );

const ascendingWithoutDuplicates = (series: readonly Candle[]) =>
  series.every((c, i) => i === 0 || c.time > series[i - 1]!.time);

describe('GET /api/candles with before: older candles, page by page', () => {
  let t: TestApp;
  let firstHour: Candle;

  beforeAll(async () => {
    firstHour = (await readRecordedCsv(recordedFile('BTC/USDT', '1h'))).candles[0]!;
    // Real time, so a run stays within a minute or two of cache buckets.
    t = await startTestApp({ clock: clockFrom('2026-11-29T20:57:30Z'), httpRequestsPerMinute: 0 });
  });
  afterAll(() => t?.close());

  it('1d pages joined to the snapshot are exactly the whole history, oldest first, then empty', async () => {
    const whole = await candles(t, '1d', { limit: 5000 });
    const snapshot = await candles(t, '1d', { limit: 300 });
    const pages = await pageBack(t, '1d', snapshot[0]!.time, 250);
    expect(pages.length).toBeGreaterThan(4);
    const joined = [...pages.flat(), ...snapshot];
    // The forming day may tick between the two reads: compare it by time only.
    expect(joined.map((c) => c.time)).toEqual(whole.map((c) => c.time));
    expect(joined.slice(0, -1)).toEqual(whole.slice(0, -1));
    expect(joined[0]!.time).toBe(bucketStart(firstHour.time, '1d'));
  });

  it('4h, built from the hours, pages back past its 5,000-candle snapshot to 2020-12-01, contiguously', async () => {
    const step = TIMEFRAME_MS['4h'];
    const snapshot = await candles(t, '4h', { limit: 5000 });
    const pages = await pageBack(t, '4h', snapshot[0]!.time, 1000);
    const older = pages.flat();
    expect(older.length).toBeGreaterThan(3000);
    expect(older[0]!.time).toBe(bucketStart(firstHour.time, '4h'));
    const joined = [...older, ...snapshot];
    expect(ascendingWithoutDuplicates(joined)).toBe(true);
    // Every page ends one candle before the next one (or the snapshot) starts.
    const starts = [...pages.slice(1), snapshot].map((p) => p[0]!.time);
    expect(pages.map((p) => p.at(-1)!.time + step)).toEqual(starts);
    // No 4-hour period is missing: the recording's gaps are shorter than four hours.
    expect(joined.every((c, i) => i === 0 || c.time - joined[i - 1]!.time === step)).toBe(true);
  });

  it('answers the same candles for any limit and any before inside a candle', async () => {
    const snapshot = await candles(t, '1h', { limit: 100 });
    const before = snapshot[0]!.time;
    const big = await candles(t, '1h', { before, limit: 2500 });
    const small = await candles(t, '1h', { before, limit: 7 });
    expect(big).toHaveLength(2500);
    expect(small).toEqual(big.slice(-7));
    // Only candles opening before it: a time inside a candle's hour keeps that candle.
    expect(await candles(t, '1h', { before: before - 1, limit: 7 })).toEqual(big.slice(-7));
    expect(await candles(t, '1h', { before: before + 1, limit: 7 })).toEqual([...big.slice(-6), snapshot[0]]);
  });

  it('answers an empty list before the first recorded hour', async () => {
    expect(await candles(t, '1d', { before: firstHour.time, limit: 100 })).toEqual([]);
    expect(await candles(t, '1w', { before: Date.parse('2001-01-01'), limit: 100 })).toEqual([]);
  });

  it('answers with an ETag, and 304 when it still matches', async () => {
    const url = candlesUrl(t, '1d', { before: Date.parse('2023-01-01'), limit: 100 });
    const first = await get(url);
    expect(first.etag).toBeTruthy();
    // Past candles never change: no retry across a minute's turn is needed here.
    expect((await get(url, { 'if-none-match': first.etag! })).status).toBe(304);
  });

  it('serves distinct before values from the few pages they fall in, not one fetch each', async () => {
    const from = t.source.fetches;
    const start = Date.parse('2022-01-01');
    // 300 distinct times over about ten days of hours: inside one or two 1,000-hour pages.
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => candles(t, '1h', { before: start + i * 3_333_333, limit: 50 })),
    );
    // At most the two pages, again if the minute turns, and once more for a second page of a limit.
    expect(t.source.fetches - from).toBeLessThanOrEqual(6);
  });

  it.each([
    ['abc', 'before must be a time in unix milliseconds'],
    ['-5', 'before must be a time after 1970'],
    ['1.5', 'before must be a whole number'],
    ['1e20', 'before must be a time before the year 275760'],
  ])('answers 400 to before=%s, saying why', async (before, message) => {
    const res = await fetch(candlesUrl(t, '1d', { before }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_PAYLOAD');
    expect(body.error.message).toContain(message);
  });
});
