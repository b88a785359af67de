import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../shared/analysis.ts';
import type { SubscribeResult } from '../../shared/protocol.ts';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { waitFor } from './support/wait.ts';
import { counted } from './support/metrics.ts';

describe('analysis over Socket.IO and HTTP (replay at 60× speed)', () => {
  let t: TestApp;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestApp({ speed: 60, tickMs: 50 });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
  });
  const connect = async () => {
    const c = new TestClient(t.url);
    const analyses: Analysis[] = [];
    c.socket.on('analysis', (a) => analyses.push(a));
    clients.push(c);
    await c.connected();
    return { c, analyses };
  };

  it('puts the analysis with its drawn series in the subscribe ack', async () => {
    const { c } = await connect();
    const res = await c.request<SubscribeResult>('subscribe', { symbol: 'BTC/USDT', timeframe: '5m' });
    if (!res.ok) throw new Error(res.error.message);
    const a = res.data.analysis!;
    expect(a).toMatchObject({ symbol: 'BTC/USDT', timeframe: '5m', source: 'replay', candleCount: 1500 });
    expect(a.summary.headline).toMatch(/^BTC\/USDT 5m: /);
    expect(a.series!.time.at(-1)).toBe(res.data.candles.at(-1)!.time);
    expect(a.series!.rsi14.filter((x) => x !== null).every((x) => x! >= 0 && x! <= 100)).toBe(true);
    expect(a.latest.ema200).toBeDefined();
  });

  it('cuts the series in a snapshot ack to the candles it carries', async () => {
    const { c } = await connect();
    const res = await c.request<SubscribeResult>('subscribe', {
      symbol: 'BNB/USDT',
      timeframe: '15m',
      limit: 200,
    });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.candles).toHaveLength(200);
    expect(res.data.analysis!.series!.time).toEqual(res.data.candles.map((x) => x.time));
    expect(res.data.analysis!.series!.ema200).toHaveLength(200);
    expect(res.data.analysis!.candleCount).toBe(1500);
  });

  it('sends the chart indicators with every candle, computed on the forming candle', async () => {
    const { c } = await connect();
    await c.request('subscribe', { symbol: 'ETH/USDT', timeframe: '1m' });
    await waitFor(() => c.candles.filter((e) => e.indicators).length > 5, 'candles with indicators');
    const e = c.candles.at(-1)!;
    expect(Object.keys(e.indicators!).sort()).toEqual([
      'bollinger',
      'ema20',
      'ema200',
      'ema50',
      'macd',
      'rsi14',
    ]);
    expect(e.indicators!.bollinger!.lower).toBeLessThan(e.indicators!.bollinger!.upper);
    expect(Math.abs(e.indicators!.ema20! - e.candle.close) / e.candle.close).toBeLessThan(0.05);
  });

  it('pushes a new analysis when a candle closes, computed once for all watchers', async () => {
    for (const c of clients.splice(0)) c.close();
    await waitFor(() => t.app.hub.streamCount === 0, 'earlier streams to close');
    const watchers = await Promise.all(Array.from({ length: 20 }, () => connect()));
    const computed = () =>
      counted(t.app.metrics.analysisComputations, { symbol: 'SOL/USDT', timeframe: '1m' });
    const before = await computed();
    await Promise.all(
      watchers.map(({ c }) => c.request('subscribe', { symbol: 'SOL/USDT', timeframe: '1m' })),
    );
    // At 60×, a minute closes every second.
    await waitFor(
      () => watchers.every(({ analyses }) => analyses.length >= 2),
      'two analyses on every socket',
      10_000,
    );
    const first = watchers[0]!.analyses;
    for (const { analyses } of watchers)
      expect(analyses.slice(0, 2).map((a) => a.computedAt)).toEqual(
        first.slice(0, 2).map((a) => a.computedAt),
      );
    expect(first[0]!.series).toBeUndefined();
    expect(first[1]!.candleTime).toBeGreaterThan(first[0]!.candleTime);
    // One computation for the snapshot and one per pushed analysis: not one per socket.
    expect((await computed()) - before).toBeLessThanOrEqual(first.length + 2);
  });

  it('serves GET /api/analysis from the cache, and rejects bad queries', async () => {
    const a = (await (await fetch(`${t.url}/api/analysis?symbol=BNB/USDT&timeframe=1h`)).json()) as Analysis;
    expect(a).toMatchObject({ symbol: 'BNB/USDT', timeframe: '1h' });
    const bnb = { symbol: 'BNB/USDT', timeframe: '1h' };
    const computed = await counted(t.app.metrics.analysisComputations, bnb);
    await fetch(`${t.url}/api/analysis?symbol=BNB/USDT&timeframe=1h`);
    expect(await counted(t.app.metrics.analysisComputations, bnb)).toBe(computed);
    const bad = await fetch(`${t.url}/api/analysis?symbol=BNB/USDT&timeframe=7m`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_TIMEFRAME');
    expect((await fetch(`${t.url}/api/analysis?symbol=NOPE/USDT&timeframe=1h`)).status).toBe(404);
  });
});
