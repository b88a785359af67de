import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandlesResponse } from '../../shared/http.ts';
import { MAX_SNAPSHOT_CANDLES, historyDepth } from '../../shared/limits.ts';
import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../shared/market.ts';
import type { SubscribeResult } from '../../shared/protocol.ts';
import { unpackCandles } from '../../shared/snapshot.ts';
import { readRecordedCsv, recordedFile } from '../src/market/replay/recorded-candles.ts';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/** The replay's wall clock at a fixed date, moving in real time from there. */
const clockFrom = (iso: string) => {
  const origin = Date.now();
  const at = Date.parse(iso);
  return () => at + (Date.now() - origin);
};

const DAY = TIMEFRAME_MS['1d'];

async function candles(t: TestApp, symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
  const query = `symbol=${encodeURIComponent(symbol)}&timeframe=${timeframe}&limit=${limit}`;
  const res = await fetch(`${t.url}/api/candles?${query}`);
  expect(res.status).toBe(200);
  return unpackCandles(((await res.json()) as CandlesResponse).candles);
}

describe('long timeframes of the replay reach back to its first recorded hour', () => {
  let t: TestApp;
  let later: TestApp;
  let firstHour: Candle;

  beforeAll(async () => {
    firstHour = (await readRecordedCsv(recordedFile('BTC/USDT', '1h'))).candles[0]!;
    // Years after the recording, and a start 400 days later still, as another instance or a restart.
    [t, later] = await Promise.all([
      startTestApp({ clock: clockFrom('2026-11-29T20:57:30Z') }),
      startTestApp({ clock: clockFrom('2028-01-03T08:12:10Z') }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), later?.close()]);
  });

  it('1d, 12h and 1w start at the first recorded hour (2020-12-01), with its open', async () => {
    for (const tf of ['1d', '12h', '1w'] as const) {
      const series = await candles(t, 'BTC/USDT', tf, MAX_SNAPSHOT_CANDLES);
      expect(series[0]!.time).toBe(bucketStart(firstHour.time, tf));
      expect(series[0]!.open).toBe(firstHour.open);
      expect(series.at(-1)!.time).toBe(bucketStart(t.clock(), tf));
      // No candle missing between the first and now (the recording's 1h gaps are shorter than 12h).
      expect(series.every((c, i) => i === 0 || c.time - series[i - 1]!.time === TIMEFRAME_MS[tf])).toBe(true);
    }
    // Six years of weeks, each opening on a Monday.
    const weeks = await candles(t, 'BTC/USDT', '1w', MAX_SNAPSHOT_CANDLES);
    expect(weeks.length).toBeGreaterThan(6 * 52);
    expect(weeks.every((w) => new Date(w.time).getUTCDay() === 1 && w.time % DAY === 0)).toBe(true);
  });

  it('a chart subscribing to 1d or 1w gets all of it; 4h gets its deeper snapshot', async () => {
    const client = new TestClient(t.url);
    try {
      await client.connected();
      for (const tf of ['1d', '1w', '4h'] as const) {
        const ack = await client.request<SubscribeResult>('subscribe', { symbol: 'ETH/USDT', timeframe: tf });
        if (!ack.ok) throw new Error(ack.error.message);
        const { candles: snapshot } = ack.data;
        if (tf === '4h') expect(snapshot).toHaveLength(historyDepth('4h'));
        else expect(snapshot[0]!.time).toBe(bucketStart(firstHour.time, tf));
      }
    } finally {
      client.close();
    }
  });

  it('a later start still reaches the first recorded hour and shows the same closed candles', async () => {
    for (const tf of ['1d', '1w'] as const) {
      const [before, after] = await Promise.all([
        candles(t, 'SOL/USDT', tf, MAX_SNAPSHOT_CANDLES),
        candles(later, 'SOL/USDT', tf, MAX_SNAPSHOT_CANDLES),
      ]);
      expect(after[0]!.time).toBe(before[0]!.time);
      expect(after.length).toBeGreaterThan(before.length);
      // Every candle closed at the first clock is the same, to the digit, at the later one.
      const closed = before.slice(0, -1);
      expect(after.slice(0, closed.length)).toEqual(closed);
    }
  });
});
