import { afterEach, describe, expect, it } from 'vitest';
import type { SubscribeResult } from '../../../shared/protocol.ts';
import type { CandlesResponse, SymbolsResponse } from '../../../shared/http.ts';
import { startCcxtStack, type CcxtStack } from '../support/ccxt-stack.ts';
import { TestClient } from '../support/socket-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep, waitFor } from '../support/wait.ts';
import { unpackCandles } from '../../../shared/snapshot.ts';

const KLINES = '/api/v3/klines';
/** A poll of the watched stream itself: the analysis and forecasts also read 5m and 15m candles. */
const isStreamPoll = (r: { path: string; query: string }) =>
  r.path === KLINES && r.query.includes('symbol=BTCUSDT') && r.query.includes('interval=1m');

describe('TrendScope on ccxt against the local exchange', () => {
  let stack: CcxtStack;
  let t: TestApp;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await t?.close();
    await stack?.close();
  });
  const connect = async (n: number) => {
    const batch = Array.from({ length: n }, () => new TestClient(t.url));
    clients.push(...batch);
    await Promise.all(batch.map((c) => c.connected()));
    return batch;
  };

  it('shows the live source and answers unknown symbols at once, without touching the exchange', async () => {
    stack = await startCcxtStack({ speed: 60, tickMs: 20 });
    t = await startTestApp({
      source: stack.source({ symbols: ['BTC/USDT', 'XRP/USDT'] }),
      clock: stack.clock,
    });
    const symbols = (await (await fetch(`${t.url}/api/symbols`)).json()) as SymbolsResponse;
    expect(symbols.source).toEqual({ id: 'binance', kind: 'exchange', label: 'Live: binance' });
    expect(symbols.symbols.map((s) => s.symbol)).toEqual(['BTC/USDT']);
    const [c] = await connect(1);
    const res = await c!.request('subscribe', { symbol: 'XRP/USDT', timeframe: '1m' });
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SYMBOL' } });
    await sleep(300);
    expect(stack.fake.log.filter((r) => r.query.includes('XRPUSDT'))).toEqual([]);
  });

  it('feeds 200 sockets on one stream from one upstream poll per interval', async () => {
    stack = await startCcxtStack({ webSocket: false });
    t = await startTestApp({
      source: stack.source({ pollIntervalMs: 500 }),
      clock: stack.clock,
      metrics: stack.metrics,
    });
    const sockets = await connect(200);
    const acks = await Promise.all(
      sockets.map((c) =>
        c.request<SubscribeResult>('subscribe', { symbol: 'BTC/USDT', timeframe: '1m', limit: 100 }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const from = Date.now();
    await sleep(5_000);
    const polls = stack.fake.log.filter((r) => isStreamPoll(r) && r.at > from).length;
    // One poll per 500 ms however many sockets watch: about 10 in 5 s, where one per socket would be
    // thousands. Bounded by the time that really passed: on a loaded machine the sleep runs long.
    const intervals = (Date.now() - from) / 500;
    expect(polls).toBeGreaterThanOrEqual(7);
    expect(polls).toBeLessThanOrEqual(Math.ceil(intervals) + 2);
    expect(sockets.every((c) => c.candles.length > 0)).toBe(true);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(
      /trendscope_upstream_requests_total\{exchange="binance",endpoint="\/api\/v3\/klines"\} \d+/,
    );
  });

  it('feeds 200 sockets on one stream from one WebSocket subscription', async () => {
    stack = await startCcxtStack({ speed: 60, tickMs: 20 });
    t = await startTestApp({ source: stack.source(), clock: stack.clock });
    const sockets = await connect(200);
    await Promise.all(sockets.map((c) => c.request('subscribe', { symbol: 'ETH/USDT', timeframe: '5m' })));
    await waitFor(() => sockets.every((c) => c.candles.length > 2), 'updates on every socket', 10_000);
    expect([...stack.fake.subscriptions.entries()]).toEqual([['ethusdt@kline_5m', 1]]);
  });

  it('keeps serving the last candles while the exchange is down, then returns to live with no hole', async () => {
    stack = await startCcxtStack({ speed: 60, tickMs: 20 });
    t = await startTestApp({ source: stack.source(), clock: stack.clock });
    const [watcher] = await connect(1);
    const first = await watcher!.request<SubscribeResult>('subscribe', {
      symbol: 'BTC/USDT',
      timeframe: '1m',
      limit: 30,
    });
    if (!first.ok) throw new Error(first.error.message);
    await waitFor(() => watcher!.candles.length > 2, 'live candles');

    await stack.fake.stop();
    await waitFor(() => watcher!.statuses.some((s) => s.state === 'stale'), 'a stale status', 10_000);
    expect(watcher!.statuses.find((s) => s.state !== 'live')).toMatchObject({
      source: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1m',
    });
    // A newcomer still gets the candles, and is told they are stale.
    const [late] = await connect(1);
    const snapshot = await late!.request<SubscribeResult>('subscribe', {
      symbol: 'BTC/USDT',
      timeframe: '1m',
      limit: 30,
    });
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    expect(snapshot.data.candles).toHaveLength(30);
    expect(snapshot.data.status.state).toBe('stale');
    const http = (await (
      await fetch(`${t.url}/api/candles?symbol=BTC/USDT&timeframe=1m&limit=30`)
    ).json()) as CandlesResponse;
    expect(unpackCandles(http.candles)).toHaveLength(30);

    await sleep(2_000);
    await stack.fake.restart();
    await waitFor(() => watcher!.statuses.at(-1)?.state === 'live', 'live again', 20_000);
    const lastSeen = watcher!.candles.at(-1)!.candle.time;
    await waitFor(
      () => watcher!.candles.at(-1)!.candle.time > lastSeen + 60_000,
      'a few more minutes',
      10_000,
    );

    const chart = new Map(first.data.candles.map((c) => [c.time, c]));
    for (const e of watcher!.candles) chart.set(e.candle.time, e.candle);
    const times = [...chart.keys()].sort((a, b) => a - b);
    expect(times.every((x, i) => i === 0 || x - times[i - 1]! === 60_000)).toBe(true);
  });
});
