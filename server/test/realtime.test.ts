import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors.ts';
import { TIMEFRAME_MS, bucketStart, type Candle } from '../../shared/market.ts';
import type { SubscribeResult, UnsubscribeResult } from '../../shared/protocol.ts';
import type { CandlesResponse } from '../../shared/http.ts';
import { foldCandles } from '../src/market/aggregate.ts';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { sleep, waitFor } from './support/wait.ts';
import { unpackCandles } from '../../shared/snapshot.ts';

const M = 60_000;

describe('live candles over Socket.IO (replay at 60× speed)', () => {
  let t: TestApp;
  const clients: TestClient[] = [];
  const client = async () => {
    const c = new TestClient(t.url);
    clients.push(c);
    await c.connected();
    return c;
  };
  const subscribe = (c: TestClient, payload: unknown) => c.request<SubscribeResult>('subscribe', payload);
  const errorCode = async (c: TestClient, event: string, payload: unknown): Promise<ErrorCode> => {
    const res = await c.request(event, payload);
    if (res.ok) throw new Error(`expected ${event} ${JSON.stringify(payload)} to fail`);
    expect(res.error.message.length).toBeGreaterThan(5);
    expect(res.error.message).not.toMatch(/at .*\.ts:\d+/);
    return res.error.code;
  };

  beforeAll(async () => {
    t = await startTestApp({ speed: 60, tickMs: 50 });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await waitFor(() => t.app.hub.streamCount === 0, 'every stream to close');
  });
  afterAll(() => t?.close());

  it('acks a subscribe with a snapshot that reaches the forming candle', async () => {
    const c = await client();
    const res = await subscribe(c, { symbol: 'BTC/USDT', timeframe: '1m', limit: 500 });
    if (!res.ok) throw new Error(res.error.message);
    const { candles, mode, status } = res.data;
    expect(mode).toBe('snapshot');
    expect(candles).toHaveLength(500);
    expect(candles.every((x, i) => i === 0 || x.time - candles[i - 1]!.time === M)).toBe(true);
    expect(candles.at(-1)!.time).toBeGreaterThanOrEqual(bucketStart(t.clock(), '1m') - M);
    expect(status).toMatchObject({ source: 'replay', symbol: 'BTC/USDT', timeframe: '1m', state: 'live' });
  });

  it('pushes live updates: the forming candle changes, then a new candle opens', async () => {
    const c = await client();
    const res = await subscribe(c, { symbol: 'ETH/USDT', timeframe: '1m' });
    expect(res.ok).toBe(true);
    const first = await waitFor(() => c.candles[0], 'a first update');
    expect(first).toMatchObject({ symbol: 'ETH/USDT', timeframe: '1m' });
    // Watch one whole minute from its opening tick to its close.
    const opened = await waitFor(
      () => c.candles.find((e) => e.candle.time > first.candle.time),
      'a new minute',
      5_000,
    );
    await waitFor(() => c.candles.some((e) => e.candle.time > opened.candle.time), 'the minute after', 5_000);
    const ticks = c.candles.filter((e) => e.candle.time === opened.candle.time).map((e) => e.candle);
    expect(ticks.length).toBeGreaterThan(3);
    expect(new Set(ticks.map((x) => x.volume)).size).toBeGreaterThan(3);
    expect(ticks.every((x) => x.open === ticks[0]!.open)).toBe(true);
  });

  it('builds 5m candles from minutes, live: a closed 5m candle is exactly its five 1m candles', async () => {
    const c = await client();
    const minutes = await subscribe(c, { symbol: 'SOL/USDT', timeframe: '1m', limit: 20 });
    const fives = await subscribe(c, { symbol: 'SOL/USDT', timeframe: '5m', limit: 20 });
    if (!minutes.ok || !fives.ok) throw new Error('subscribe failed');
    expect(fives.data.candles.every((x) => x.time % TIMEFRAME_MS['5m'] === 0)).toBe(true);
    const bucket = fives.data.candles.at(-1)!.time;
    // At 60x a 5m candle lasts five seconds: wait for the one forming now to close.
    await waitFor(
      () => c.candles.some((e) => e.timeframe === '5m' && e.candle.time > bucket),
      'the forming 5m candle to close',
      10_000,
    );
    const final5m = c.candles.filter((e) => e.timeframe === '5m' && e.candle.time === bucket).at(-1)!.candle;
    const oneMinute = new Map(minutes.data.candles.map((x) => [x.time, x]));
    for (const e of c.candles) if (e.timeframe === '1m') oneMinute.set(e.candle.time, e.candle);
    const inBucket = [...oneMinute.values()]
      .filter((x) => bucketStart(x.time, '5m') === bucket)
      .sort((a, b) => a.time - b.time);
    expect(inBucket).toHaveLength(5);
    const folded = foldCandles(bucket, inBucket);
    expect({ ...final5m, volume: 0 }).toEqual({ ...folded, volume: 0 });
    expect(final5m.volume).toBeCloseTo(folded.volume, 6);
  });

  it('rejects bad input of every kind with a clear code, and keeps serving', async () => {
    const c = await client();
    expect(await errorCode(c, 'subscribe', null)).toBe('INVALID_PAYLOAD');
    expect(await errorCode(c, 'subscribe', 'BTC/USDT')).toBe('INVALID_PAYLOAD');
    expect(await errorCode(c, 'subscribe', [1, 2, 3])).toBe('INVALID_PAYLOAD');
    expect(await errorCode(c, 'subscribe', { timeframe: '1m' })).toBe('INVALID_PAYLOAD');
    expect(await errorCode(c, 'subscribe', { symbol: 'BTCUSDT', timeframe: '1m' })).toBe('INVALID_PAYLOAD');
    expect(await errorCode(c, 'subscribe', { symbol: { $gt: '' }, timeframe: '1m' })).toBe('INVALID_PAYLOAD');
    expect(await errorCode(c, 'subscribe', { symbol: 'BTC/USDT', timeframe: '1m', since: -5 })).toBe(
      'INVALID_PAYLOAD',
    );
    expect(await errorCode(c, 'subscribe', { symbol: 'BTC/USDT', timeframe: '1m', limit: 10 ** 9 })).toBe(
      'INVALID_PAYLOAD',
    );
    expect(await errorCode(c, 'subscribe', { symbol: 'DOGE/USDT', timeframe: '1m' })).toBe('UNKNOWN_SYMBOL');
    expect(await errorCode(c, 'subscribe', { symbol: 'BTC/USDT', timeframe: '3m' })).toBe(
      'UNSUPPORTED_TIMEFRAME',
    );
    expect(await errorCode(c, 'subscribe', { symbol: 'BTC/USDT', timeframe: 60 })).toBe('INVALID_PAYLOAD');
    expect(await errorCode(c, 'unsubscribe', { symbol: 'BTC/USDT', timeframe: '1m' })).toBe('NOT_SUBSCRIBED');
    expect(await errorCode(c, 'unsubscribe', 42)).toBe('INVALID_PAYLOAD');
    // No ack at all, and events the server does not know: ignored without harm.
    const raw = c.socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit('subscribe', { symbol: 'nope' });
    raw.emit('drop tables', 'x', () => {});
    await sleep(100);
    expect(c.socket.connected).toBe(true);
    expect(t.app.hub.streamCount).toBe(0);
    const ok = await subscribe(c, { symbol: 'BNB/USDT', timeframe: '15m' });
    expect(ok.ok).toBe(true);
  });

  it('limits the streams one connection may hold', async () => {
    await t.close();
    t = await startTestApp({ speed: 60, tickMs: 50, maxSubscriptionsPerSocket: 2 });
    const c = await client();
    expect((await subscribe(c, { symbol: 'BTC/USDT', timeframe: '1m' })).ok).toBe(true);
    expect((await subscribe(c, { symbol: 'BTC/USDT', timeframe: '5m' })).ok).toBe(true);
    expect((await subscribe(c, { symbol: 'BTC/USDT', timeframe: '1m' })).ok).toBe(true);
    expect(await errorCode(c, 'subscribe', { symbol: 'ETH/USDT', timeframe: '1m' })).toBe(
      'TOO_MANY_SUBSCRIPTIONS',
    );
    expect(
      (await c.request<UnsubscribeResult>('unsubscribe', { symbol: 'BTC/USDT', timeframe: '5m' })).ok,
    ).toBe(true);
    expect((await subscribe(c, { symbol: 'ETH/USDT', timeframe: '1m' })).ok).toBe(true);
  });

  it('feeds many clients of one stream from one upstream feed, and stops it when the last leaves', async () => {
    const watchesBefore = t.source.watches;
    const many = await Promise.all(Array.from({ length: 20 }, () => client()));
    const acks = await Promise.all(many.map((c) => subscribe(c, { symbol: 'BTC/USDT', timeframe: '1m' })));
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(t.source.watches - watchesBefore).toBe(1);
    expect(t.source.activeWatches).toBe(1);
    await waitFor(() => many.every((c) => c.candles.length > 3), 'every client to get updates');
    // One broadcast per update: every client saw the same sequence of reliable (opening) candles.
    for (const c of many.slice(0, 10)) {
      await c.request('unsubscribe', { symbol: 'BTC/USDT', timeframe: '1m' });
    }
    expect(t.source.activeWatches).toBe(1);
    for (const c of many.slice(10)) c.close();
    await waitFor(() => t.source.activeWatches === 0, 'the upstream feed to stop');
    expect(t.app.hub.streamCount).toBe(0);
  });

  it('gives a reconnecting client exactly what it missed, with no hole', async () => {
    const a = await client();
    const res = await subscribe(a, { symbol: 'ETH/USDT', timeframe: '1m', limit: 100 });
    if (!res.ok) throw new Error(res.error.message);
    const chart = new Map<number, Candle>(res.data.candles.map((x) => [x.time, x]));
    const keepAlive = await client();
    await subscribe(keepAlive, { symbol: 'ETH/USDT', timeframe: '1m' });
    await waitFor(() => a.candles.length > 2, 'updates before the outage');
    for (const e of a.candles) chart.set(e.candle.time, e.candle);
    a.close();
    // About four market minutes pass while the client is away.
    await sleep(4_000);
    const lastSeen = Math.max(...chart.keys());
    const b = await client();
    const again = await subscribe(b, { symbol: 'ETH/USDT', timeframe: '1m', since: lastSeen });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.data.mode).toBe('delta');
    expect(again.data.candles[0]!.time).toBe(lastSeen);
    expect(again.data.candles.length).toBeGreaterThanOrEqual(4);
    for (const x of again.data.candles) chart.set(x.time, x);
    const times = [...chart.keys()].sort((x, y) => x - y);
    expect(times.every((x, i) => i === 0 || x - times[i - 1]! === M)).toBe(true);
    // And what the client now holds equals the server's truth for every closed candle.
    const truth = (await (
      await fetch(`${t.url}/api/candles?symbol=ETH/USDT&timeframe=1m&limit=200`)
    ).json()) as CandlesResponse;
    const closedTruth = unpackCandles(truth.candles).filter(
      (x) => x.time >= times[0]! && x.time < again.data.candles.at(-1)!.time,
    );
    for (const x of closedTruth) expect(chart.get(x.time)).toEqual(x);
  });

  it('sends a full snapshot instead when the client was away longer than the server keeps', async () => {
    const c = await client();
    const res = await subscribe(c, { symbol: 'BTC/USDT', timeframe: '1m', since: 1_000, limit: 50 });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.mode).toBe('snapshot');
    expect(res.data.candles).toHaveLength(50);
  });
});
