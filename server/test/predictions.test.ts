import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prediction } from '../../shared/prediction.ts';
import type { SubscribeResult } from '../../shared/protocol.ts';
import { TIMEFRAME_MS } from '../../shared/market.ts';
import type { Clock } from '../src/kernel/clock.ts';
import { silentLogger } from '../src/kernel/logger.ts';
import { createReplaySource } from '../src/market/replay/replay-source.ts';
import { PredictionScorer } from '../src/predict/prediction-scorer.ts';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { waitFor } from './support/wait.ts';
import { counted } from './support/metrics.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A clock at `start` running `speed` times real time: lets a test pick where in the hour it runs. */
function clockFrom(start: number, speed: number): Clock {
  const origin = Date.now();
  return () => start + (Date.now() - origin) * speed;
}

function expectWellFormed(p: Prediction, lastClosed: number, timeframe: keyof typeof TIMEFRAME_MS) {
  expect(p.model).toBe('ewma-fhs');
  expect(p.horizon).toBe(10);
  expect(p.lastCandleTime).toBe(lastClosed);
  expect(p.path.map((s) => s.time)).toEqual(
    Array.from({ length: 10 }, (_, i) => lastClosed + (i + 1) * TIMEFRAME_MS[timeframe]),
  );
  for (const s of p.path) {
    expect(s.lower95).toBeLessThan(s.lower80);
    expect(s.lower80).toBeLessThan(s.yhat);
    expect(s.yhat).toBeLessThan(s.upper80);
    expect(s.upper80).toBeLessThan(s.upper95);
  }
  expect(p.direction.probabilityUp).toBeGreaterThan(0);
  expect(p.direction.probabilityUp).toBeLessThan(1);
  expect(['low', 'medium', 'high']).toContain(p.risk.level);
  // Confluence reads the timeframes around the stream's own, smallest first.
  expect(Object.keys(p.confluence.byTimeframe)).toEqual(CONFLUENCE[timeframe]);
}

const CONFLUENCE: Partial<Record<keyof typeof TIMEFRAME_MS, string[]>> = {
  '5m': ['1m', '5m', '15m'],
  '15m': ['5m', '15m', '1h'],
  '4h': ['1h', '4h', '1d'],
};

describe('predictions over Socket.IO and HTTP (replay at 120× speed)', () => {
  let t: TestApp;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestApp({ speed: 120, tickMs: 50, predictionIntervalMs: 200 });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
  });

  it('sends a forecast from the last closed candle, with risk and scorecard, with the subscribe ack or right after it', async () => {
    const c = new TestClient(t.url);
    clients.push(c);
    const pushed: Prediction[] = [];
    c.socket.on('prediction', (p) => pushed.push(p));
    await c.connected();
    const res = await c.request<SubscribeResult>('subscribe', { symbol: 'BTC/USDT', timeframe: '5m' });
    if (!res.ok) throw new Error(res.error.message);
    // The candles do not wait for a forecast still being made: it follows them.
    if (!res.data.prediction) await waitFor(() => pushed.length > 0, 'the forecast after the ack', 15_000);
    const p = res.data.prediction ?? pushed[0]!;
    const forming = res.data.candles.at(-1)!.time;
    // The forming candle may have closed between the snapshot and the forecast.
    expect([forming - 5 * MINUTE, forming]).toContain(p.lastCandleTime);
    expectWellFormed(p, p.lastCandleTime, '5m');
    expect(p.scorecard.n).toBe(0);
    // Nothing learned yet: the uniform prior.
    expect(p.direction.samples).toBe(0);
    expect(p.direction.probabilityUp).toBe(0.5);
  });

  it('pushes a new forecast as candles close, stores it, scores it at its horizon and learns from it', async () => {
    const c = new TestClient(t.url);
    clients.push(c);
    const pushed: Prediction[] = [];
    c.socket.on('prediction', (p) => pushed.push(p));
    await c.connected();
    await c.request('subscribe', { symbol: 'ETH/USDT', timeframe: '1m' });
    // 120× speed: a minute candle every half second; the horizon (10) passes in five seconds.
    const scored = await waitFor(
      () => pushed.find((p) => p.symbol === 'ETH/USDT' && p.scorecard.n >= 3),
      'a forecast with a scorecard of three scored forecasts',
      30_000,
    );
    const times = pushed.map((p) => p.lastCandleTime);
    expect(new Set(times).size).toBe(times.length);
    expect(scored.scorecard.coverage80).toBeGreaterThanOrEqual(0);
    expect(scored.scorecard.maeRatio).toBeGreaterThan(0);
    expect(scored.scorecard.brier).toBeGreaterThanOrEqual(0);
    const learned = await waitFor(
      () => pushed.find((p) => p.symbol === 'ETH/USDT' && p.direction.samples > 0),
      'a direction learned from outcomes',
      30_000,
    );
    expect(learned.direction.credible90[0]).toBeLessThan(learned.direction.probabilityUp);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(metrics)?.[1]);
    expect(counter('trendscope_forecasts_issued_total')).toBeGreaterThanOrEqual(pushed.length);
    expect(counter('trendscope_forecasts_scored_total')).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('answers GET /api/predictions, and says what is wrong with a bad query', async () => {
    const res = await fetch(`${t.url}/api/predictions?symbol=SOL/USDT&timeframe=15m`);
    expect(res.status).toBe(200);
    const p = (await res.json()) as Prediction;
    expectWellFormed(p, p.lastCandleTime, '15m');
    const daily = await fetch(`${t.url}/api/predictions?symbol=SOL/USDT&timeframe=4h`);
    const q = (await daily.json()) as Prediction;
    expectWellFormed(q, q.lastCandleTime, '4h');

    const unknown = await fetch(`${t.url}/api/predictions?symbol=DOGE/USDT&timeframe=15m`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('UNKNOWN_SYMBOL');
    const badTf = await fetch(`${t.url}/api/predictions?symbol=SOL/USDT&timeframe=7m`);
    expect(badTf.status).toBe(400);
    expect((await badTf.json()).error.code).toBe('UNSUPPORTED_TIMEFRAME');
  });
});

describe('forecasts pending at a restart', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trendscope-restart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('are scored after it, once, against the candles that really followed them, though it crossed an hour', async () => {
    // The first run starts at :50 and the second in the next hour: both must see the same candles.
    const start = Math.floor(Date.now() / HOUR) * HOUR + 50 * MINUTE;
    // What the first run would have gone on to see: a replay started with it, read later.
    let truthClock: Clock = () => start;
    const truth = await createReplaySource({
      clock: () => truthClock(),
      tickMs: 1_000,
      logger: silentLogger,
      symbols: ['BTC/USDT'],
    });
    const first = await startTestApp({ dataDir, clock: clockFrom(start, 60), predictionIntervalMs: 100 });
    const c = new TestClient(first.url);
    await c.connected();
    await c.request('subscribe', { symbol: 'BTC/USDT', timeframe: '1m' });
    // A few minutes of forecasts, then the server goes away before their horizon.
    await waitFor(
      async () => (await counted(first.app.metrics.forecastsIssued)) >= 3,
      'three forecasts',
      15_000,
    );
    c.close();
    await first.close();

    // Back 20 minutes later, in the next hour: every forecast of the first run is due, scored at start.
    const second = await startTestApp({
      dataDir,
      clock: clockFrom(start + 25 * MINUTE, 1),
      predictionIntervalMs: 60_000,
    });
    // Two more scorers race the one the app started with, as other instances would.
    const racer = () =>
      new PredictionScorer({
        market: second.app.market,
        streams: second.app.streams,
        database: second.database,
        clock: second.clock,
        logger: silentLogger,
      }).scoreDue();
    const raced = Promise.all([racer(), racer()]);
    try {
      const db = second.database.db;
      const pending = () =>
        db.selectFrom('predictions').select('id').where('scored_at', 'is', null).execute();
      const issued = await db.selectFrom('predictions').select(['id']).execute();
      expect(issued.length).toBeGreaterThanOrEqual(3);
      for (const deadline = Date.now() + 20_000; (await pending()).length > 0;) {
        if (Date.now() > deadline) throw new Error('pending forecasts were not scored after the restart');
        await new Promise((r) => setTimeout(r, 50));
      }
      await raced;
      const counts = await db.selectFrom('direction_counts').select(['up', 'down']).execute();
      expect(counts.reduce((a, r) => a + r.up + r.down, 0)).toBe(issued.length);
      truthClock = second.clock;
      const scored = await db.selectFrom('predictions').select(['target_time', 'score']).execute();
      for (const { target_time, score } of scored) {
        const since = target_time.getTime();
        const [followed] = await truth.fetchCandles('BTC/USDT', '1m', { since, limit: 1 });
        expect(followed?.time).toBe(since);
        expect((score as { actual: number }).actual).toBe(followed!.close);
      }
    } finally {
      await second.close();
      await truth.close();
    }
  }, 60_000);
});
