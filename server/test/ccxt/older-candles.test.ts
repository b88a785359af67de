import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandlesResponse } from '../../../shared/http.ts';
import { TIMEFRAME_MS, type Candle } from '../../../shared/market.ts';
import { unpackCandles } from '../../../shared/snapshot.ts';
import { startCcxtStack, type CcxtStack } from '../support/ccxt-stack.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const KLINES = '/api/v3/klines';
const STEP = TIMEFRAME_MS['4h'];

describe('older candles from a live exchange (the local Binance)', () => {
  let stack: CcxtStack;
  let t: TestApp;
  beforeAll(async () => {
    stack = await startCcxtStack();
    t = await startTestApp({ source: stack.source(), clock: stack.clock, httpRequestsPerMinute: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await stack?.close();
  });

  const candles = async (query: string): Promise<Candle[]> => {
    const res = await fetch(`${t.url}/api/candles?symbol=ETH/USDT&timeframe=4h&${query}`);
    expect(res.status).toBe(200);
    return unpackCandles(((await res.json()) as CandlesResponse).candles);
  };

  it('pages back with fetchOHLCV since, contiguous with the snapshot and with each other', async () => {
    const snapshot = await candles('limit=500');
    const from = stack.fake.log.length;
    const newer = await candles(`before=${snapshot[0]!.time}&limit=1000`);
    const older = await candles(`before=${newer[0]!.time}&limit=1000`);
    expect(newer).toHaveLength(1000);
    expect(older).toHaveLength(1000);
    const joined = [...older, ...newer, ...snapshot];
    expect(joined.every((c, i) => i === 0 || c.time - joined[i - 1]!.time === STEP)).toBe(true);
    // The exchange was asked from a time (startTime), not for its latest candles.
    const asked = stack.fake.log.slice(from).filter((r) => r.path === KLINES);
    expect(asked.length).toBeGreaterThan(0);
    const starts = asked.map((r) => Number(new URLSearchParams(r.query).get('startTime')));
    // Each from the start of a page of 1,000 candles (so any before shares them), none newer than asked.
    for (const start of starts) {
      expect(start % (1000 * STEP)).toBe(0);
      expect(start).toBeGreaterThan(older[0]!.time - 1000 * STEP);
      expect(start).toBeLessThan(snapshot[0]!.time);
    }
  });

  it('answers an empty list before the market has candles', async () => {
    expect(await candles(`before=${Date.parse('2015-01-01')}&limit=100`)).toEqual([]);
  });
});
