/** Alerts benchmark; what it measures and how is in USAGE. */
import { mkdtemp, rm } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { io, type Socket } from 'socket.io-client';
import type { AlertCondition, AlertTriggeredEvent } from '../shared/alerts.ts';
import { TIMEFRAMES, type Candle, type Timeframe } from '../shared/market.ts';
import type { CandleEvent } from '../shared/protocol.ts';
import { liveChartIndicators } from '../server/src/analysis/live-indicators.ts';
import type { AlertRecord } from '../server/src/alerts/alert-records.ts';
import { AlertWatcher } from '../server/src/alerts/alert-watcher.ts';
import type { Crossed } from '../server/src/alerts/stream-alerts.ts';
import { createApp, type App } from '../server/src/app/create-app.ts';
import { createMemoryCache } from '../server/src/cache/memory/memory-cache.ts';
import { openDatabase, type DatabaseHandle } from '../server/src/db/database.ts';
import { silentLogger } from '../server/src/kernel/logger.ts';
import { connectRedis, type RedisClients } from '../server/src/kernel/redis/redis-clients.ts';
import { readRecordedCsv, recordedFile } from '../server/src/market/replay/recorded-candles.ts';
import type { StreamHub, StreamPublisher } from '../server/src/streams/stream-hub.ts';
import { percentile } from './bench-support.ts';
import { ScriptedMarket } from './bench/scripted-market.ts';
import { fail, intArg, parseCli } from './cli.ts';

const DEFAULT_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEFAULT_PG = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || '';

const USAGE = `Usage: node --import tsx scripts/bench-alerts.ts [--alerts 100000] [--ticks 20000] [--runs 3]
                                       [--triggers 200] [--redis URL] [--pg URL]

Alerts benchmark. Prints a markdown table.

1. Cost of a tick: recorded BTC/USDT 1m candles played as ticks (10 per candle, along each
   candle's open, high, low and close, with the live indicators the hub computes), each read by the
   alert watcher as the hub's publisher hands it out: with no alert; with --alerts active alerts
   spread over an instance's 40 streams (4 symbols x 10 timeframes: the target's case); and with all
   of them on the stream ticked (the worst case). The alerts mix every kind, set around the first
   price: levels within 15 %, RSI at 15-30 and 70-85, moves of 1-8 %, EMA and MACD crossings; a fifth
   repeat with an hour's cooldown. What fires is settled after its tick, as the claims do in a later
   turn. Each tick counts with the least of its times over --runs plays of the same ticks, each from
   scratch: what other load on the machine (and a garbage collection that happens to fall inside a
   tick) adds to a single run is not the code's. Added = with alerts - without, tick by tick.
   Target: mean <= 5 us, p99 <= 1 ms. Also: the heap the alerts hold.
2. Trigger to notification: two instances in this process on one Redis (Socket.IO adapter) and one
   database; a socket.io client of a signed-in user on instance B; an alert created on A, then a tick
   through its level fed to A only. Timed from the tick to the client's alert:triggered, which goes
   through the claim in the database and Redis. Target: p99 ≤ 1 s.

Options:
  --alerts N       active alerts for part 1, 1-1000000 (default 100000)
  --ticks N        ticks timed in part 1, 1000-250000 (default 20000)
  --runs N         times part 1 plays the ticks, each from scratch, 1-20 (default 3)
  --triggers N     alerts fired in part 2, 1-10000 (default 200; 0 skips part 2)
  --redis URL      Redis for part 2 (default REDIS_URL, else redis://127.0.0.1:6379)
  --pg URL         PostgreSQL for part 2 (default DATABASE_URL, else TEST_DATABASE_URL, else an
                   embedded PGlite shared by both instances; ${DEFAULT_PG ? 'one is set now' : 'neither is set now'})
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    alerts: { type: 'string', default: '100000' },
    ticks: { type: 'string', default: '20000' },
    triggers: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    redis: { type: 'string', default: DEFAULT_REDIS },
    pg: { type: 'string', default: DEFAULT_PG },
  },
});
const ALERTS = intArg(values.alerts, '--alerts', { min: 1, max: 1_000_000 });
const TICKS = intArg(values.ticks, '--ticks', { min: 1_000, max: 250_000 });
const TRIGGERS = values.triggers === '0' ? 0 : intArg(values.triggers, '--triggers', { min: 1, max: 10_000 });
const RUNS = intArg(values.runs, '--runs', { min: 1, max: 20 });
if (!/^rediss?:\/\//.test(values.redis)) fail('--redis must be a redis:// or rediss:// URL'); // not echoed: it may hold a password
if (values.pg && !/^postgres(ql)?:\/\//.test(values.pg))
  fail('--pg must be a postgres:// or postgresql:// URL');

const SYMBOL = 'BTC/USDT';
const HISTORY = 600;
const TICKS_PER_CANDLE = 10;
const WARM_UP = 2_000;

/** A generator of the same numbers on every run. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** The recorded candles as the hub publishes them: forming ticks with indicators, closes carried along. */
function tickEvents(candles: Candle[], count: number): CandleEvent[] {
  const live = liveChartIndicators(candles.slice(0, HISTORY));
  const events: CandleEvent[] = [];
  let closed: CandleEvent['closed'];
  for (let i = HISTORY; events.length < count; i++) {
    const c = candles[i];
    if (!c) fail(`--ticks: the recording holds ${events.length} ticks at most`, 1);
    const path = c.close >= c.open ? [c.open, c.low, c.high, c.close] : [c.open, c.high, c.low, c.close];
    let forming: Candle | undefined;
    for (let k = 0; k < TICKS_PER_CANDLE; k++) {
      const at = (k / (TICKS_PER_CANDLE - 1)) * 3;
      const leg = Math.min(2, Math.floor(at));
      const close = path[leg]! + (path[leg + 1]! - path[leg]!) * (at - leg);
      forming = {
        ...c,
        close,
        high: Math.max(forming?.high ?? c.open, close),
        low: Math.min(forming?.low ?? c.open, close),
      };
      const indicators = live.update(forming);
      events.push({
        symbol: SYMBOL,
        timeframe: '1m',
        candle: forming,
        indicators,
        ...(k === 0 && closed && { closed }),
      });
    }
    closed = { candle: forming!, indicators: live.current };
  }
  return events;
}

/** 500 users with 200 alerts each make 100,000. */
const users = Array.from({ length: 500 }, () => randomUUID());

/**
 * A string as the database driver hands it over, one per row: randomUUID() builds its result as a
 * tree of concatenations, ten times the size of the flat string a row holds.
 */
const asRead = (text: string) => Buffer.from(text).toString();

/**
 * `n` alerts of every kind, set as traders set them around the first tick's price: levels within
 * ±15 %, RSI at oversold and overbought, moves of 1–8 % over common spans, EMA and MACD crossings;
 * a fifth repeating with an hour's cooldown. The ticks cross some of them, most wait.
 */
function alertRecords(
  n: number,
  price: number,
  streams: ReadonlyArray<{ symbol: string; timeframe: Timeframe }>,
): AlertRecord[] {
  const random = seeded(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const op = () => pick(['above', 'below'] as const);
  const condition = (): AlertCondition => {
    const r = random();
    if (r < 0.6) return { kind: 'price', op: op(), value: price * (0.85 + random() * 0.3) };
    if (r < 0.7)
      return random() < 0.5
        ? { kind: 'rsi', op: 'below', value: 15 + random() * 15 }
        : { kind: 'rsi', op: 'above', value: 70 + random() * 15 };
    if (r < 0.8)
      return { kind: 'move', percent: (1 + random() * 7) * pick([1, -1]), bars: pick([1, 3, 5, 15, 60]) };
    if (r < 0.9) return { kind: 'ema', op: op(), period: pick([20, 50, 200] as const) };
    return { kind: 'macd', op: op() };
  };
  return Array.from({ length: n }, (_, i) => ({
    id: asRead(randomUUID()),
    userId: asRead(users[i % users.length]!),
    ...streams[i % streams.length]!,
    condition: condition(),
    repeat: random() < 0.2,
    cooldownSeconds: 3_600,
    note: null,
    state: 'active',
    createdAt: 0,
    updatedAt: 0,
    lastTriggeredAt: null,
    triggerCount: 0,
    revision: 1,
    version: 1,
    rearmAt: null,
  }));
}

/**
 * Each tick through a watcher holding `records`, timed alone; what crossed is settled after each
 * tick, untimed: once-alerts done, repeating ones cooling down for an hour of market time.
 */
async function timeTicks(
  history: Candle[],
  events: CandleEvent[],
  records: AlertRecord[],
): Promise<{ ns: Float64Array; crossedAt: Uint8Array; fired: number }> {
  let now = events[0]!.candle.time;
  const watcher = new AlertWatcher({ clock: () => now, logger: silentLogger });
  let crossed: Crossed[] = [];
  const hub: Pick<StreamHub, 'subscribe' | 'unsubscribe'> = {
    subscribe: async (_id, symbol, timeframe) => ({
      symbol,
      timeframe,
      mode: 'snapshot',
      candles: history,
      status: { source: 'bench', symbol, timeframe, state: 'live' },
      revision: 0,
    }),
    unsubscribe: () => true,
  };
  watcher.attach({ hub, onCrossed: (c) => crossed.push(...c) });
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const record of records) watcher.apply(record);
  await watcher.whenSeeded();
  const sink: StreamPublisher = { candle() {}, status() {} };
  const publisher = watcher.observe(sink);
  collectGarbage();
  const ns = new Float64Array(events.length);
  const crossedAt = new Uint8Array(events.length);
  let fired = 0;
  for (const [i, event] of events.entries()) {
    now = event.candle.time + (i % TICKS_PER_CANDLE) * 6_000;
    const start = process.hrtime.bigint();
    publisher.candle(event, false);
    ns[i] = Number(process.hrtime.bigint() - start);
    if (crossed.length === 0) continue;
    crossedAt[i] = 1;
    fired += crossed.length;
    for (const { alert } of crossed) {
      alert.claiming = false;
      const record = byId.get(alert.id)!;
      record.version++;
      if (record.repeat) record.rearmAt = now + record.cooldownSeconds * 1000;
      else record.state = 'done';
      watcher.apply(record);
    }
    crossed = [];
  }
  watcher.close();
  return { ns, crossedAt, fired };
}

/** A full collection before each timed run: garbage of the set-up is not collected inside a tick. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The heap a watcher holding `count` alerts keeps, the alerts' records themselves let go. */
async function heldHeap(
  history: Candle[],
  count: number,
  price: number,
  streams: Parameters<typeof alertRecords>[2],
): Promise<number> {
  const hub: Pick<StreamHub, 'subscribe' | 'unsubscribe'> = {
    subscribe: async (_id, symbol, timeframe) => ({
      symbol,
      timeframe,
      mode: 'snapshot',
      candles: history,
      status: { source: 'bench', symbol, timeframe, state: 'live' },
      revision: 0,
    }),
    unsubscribe: () => true,
  };
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const watcher = new AlertWatcher({ clock: Date.now, logger: silentLogger });
  watcher.attach({ hub, onCrossed: () => {} });
  for (const record of alertRecords(count, price, streams)) watcher.apply(record);
  await watcher.whenSeeded();
  collectGarbage();
  const held = process.memoryUsage().heapUsed - before;
  watcher.close();
  return held;
}

/** Each tick's least time over RUNS plays (a fresh watcher and fresh alerts each). */
async function leastOf(play: () => Promise<{ ns: Float64Array; crossedAt: Uint8Array; fired: number }>) {
  const first = await play();
  for (let r = 1; r < RUNS; r++) {
    const { ns } = await play();
    for (let i = 0; i < ns.length; i++) first.ns[i] = Math.min(first.ns[i]!, ns[i]!);
  }
  return first;
}

const us = (ns: number) => `${(ns / 1000).toFixed(2)} µs`;
const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Part 2: two instances on one Redis and database, an alert fired on A, its client on B. */
async function triggerLatency(redisUrl: string, pgUrl: string, n: number): Promise<number[]> {
  const prefix = `trendscope-bench-alerts-${process.pid}:`;
  const dataDir = await mkdtemp(join(tmpdir(), 'trendscope-bench-alerts-'));
  const database: DatabaseHandle = await openDatabase({
    url: pgUrl || undefined,
    dataDir,
    logger: silentLogger,
  });
  // Both instances share the one handle; it is closed once, after both.
  const shared: DatabaseHandle = { ...database, close: async () => {} };
  const redis: RedisClients[] = [];
  const markets = [0, 1].map(() => new ScriptedMarket({ [SYMBOL]: 50_000 }, Date.now));
  const apps: App[] = [];
  let client: Socket | undefined;
  let userId: string | undefined;
  try {
    for (const market of markets) {
      const r = connectRedis(redisUrl, silentLogger);
      redis.push(r);
      if (!(await r.ready(3_000)))
        fail(`no Redis answers at --redis (part 2 needs one; --triggers 0 skips it)`, 1);
      apps.push(
        await createApp(
          {
            source: market,
            cache: createMemoryCache(),
            database: shared,
            logger: silentLogger,
            socketAdapter: createAdapter(r.command, r.subscriber, { key: `${prefix}socket.io` }),
          },
          {
            candleStoreLimit: 3000,
            maxSubscriptionsPerSocket: 20,
            accounts: { sessionSecret: 'bench-alerts-shared-secret-0123456789abcdef' },
            alerts: { maxPerUser: 10_000 },
          },
        ),
      );
    }
    const [a, b] = apps as [App, App];
    const { port: portA } = await a.listen(0, '127.0.0.1');
    const { port: portB } = await b.listen(0, '127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${portA}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `bench_${randomUUID().slice(0, 8)}`, password: 'bench password 123' }),
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
    userId = ((await res.json()) as { user: { id: string } }).user.id;
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    client = io(`http://127.0.0.1:${portB}`, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie },
    });
    await new Promise<void>((resolve, reject) =>
      client!.once('connect', resolve).once('connect_error', reject),
    );
    // A first authenticated event puts the socket in its user's room.
    await client.timeout(10_000).emitWithAck('alert:list', {});

    const marketA = markets[0]!;
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const price = 50_000 + (i % 2) * 0.5;
      marketA.tick(SYMBOL, price);
      const alert = await a.alerts.service.create(userId, {
        symbol: SYMBOL,
        timeframe: '1m',
        condition: { kind: 'price', op: 'above', value: price + 10 },
      });
      await a.alerts.ready();
      const arrived = new Promise<number>((resolve) => {
        const onTrigger = (e: AlertTriggeredEvent) => {
          if (e.alert.id !== alert.id) return;
          client!.off('alert:triggered', onTrigger);
          resolve(performance.now());
        };
        client!.on('alert:triggered', onTrigger);
      });
      const start = performance.now();
      marketA.tick(SYMBOL, price + 20);
      latencies.push((await arrived) - start);
    }
    return latencies;
  } finally {
    client?.disconnect();
    for (const app of apps) await app.close();
    if (userId) await database.db.deleteFrom('users').where('id', '=', userId).execute();
    await database.close();
    for (const r of redis) await r.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const recorded = (await readRecordedCsv(recordedFile(SYMBOL, '1m'))).candles;
const events = tickEvents(recorded, TICKS);
const history = recorded.slice(0, HISTORY);
const price = events[0]!.candle.close;
const ticked = { symbol: SYMBOL, timeframe: '1m' as Timeframe };
/** An instance offering 4 symbols on every timeframe: 40 streams, the ticked one among them. */
const instanceStreams = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'].flatMap((symbol) =>
  TIMEFRAMES.map((timeframe) => ({ symbol, timeframe })),
);
// The same code warmed up first (compiled by the JIT), on copies: the timed runs start from scratch.
await timeTicks(history, events.slice(0, WARM_UP), alertRecords(10_000, price, [ticked]));
const empty = await leastOf(() => timeTicks(history, events, []));
const p = (xs: Float64Array, q: number) => percentile([...xs], q);
const n = (x: number) => x.toLocaleString('en-US');
const spread = (xs: Float64Array) => `${us(mean(xs))} / ${us(p(xs, 50))} / ${us(p(xs, 99))}`;

const rows: Array<[string, string, string]> = [[`tick, no alert (mean / p50 / p99)`, spread(empty.ns), '']];
for (const [label, streams, target] of [
  [
    `${n(ALERTS)} alerts over ${instanceStreams.length} streams (${n(Math.ceil(ALERTS / instanceStreams.length))} on the stream ticked)`,
    instanceStreams,
    'mean ≤ 5 µs, p99 ≤ 1 ms',
  ],
  [`${n(ALERTS)} alerts all on the stream ticked (the worst case)`, [ticked], ''],
] as const) {
  const loaded = await leastOf(() => timeTicks(history, events, alertRecords(ALERTS, price, streams)));
  const added = loaded.ns.map((t, i) => t - empty.ns[i]!);
  const quiet = added.filter((_, i) => loaded.crossedAt[i] === 0);
  const crossingTicks = loaded.crossedAt.reduce((sum, x) => sum + x, 0);
  rows.push(
    [`${label}: added per tick (mean / p50 / p99)`, spread(added), target],
    [`… on the ${n(quiet.length)} ticks that crossed nothing (mean / p50 / p99)`, spread(quiet), ''],
    ['… alerts crossed, on how many ticks', `${n(loaded.fired)} on ${n(crossingTicks)}`, ''],
  );
}
const held = await heldHeap(history, ALERTS, price, instanceStreams);
rows.push([
  `heap the watcher holds for ${n(ALERTS)} alerts (per alert)`,
  `${(held / 2 ** 20).toFixed(1)} MB (${Math.round(held / ALERTS)} B)`,
  '',
]);
if (TRIGGERS > 0) {
  const latencies = await triggerLatency(values.redis, values.pg, TRIGGERS);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  rows.push([
    `tick → alert:triggered on another instance's client, ${TRIGGERS} alerts, ${values.pg ? 'PostgreSQL' : 'PGlite'} (p50 / p99)`,
    `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`,
    'p99 ≤ 1 s',
  ]);
}
console.log(
  `Alerts, ${TICKS.toLocaleString('en-US')} ticks of recorded BTC/USDT 1m, node ${process.version}\n`,
);
console.log('| measure | result | target |');
console.log('| --- | ---: | --- |');
for (const [what, result, target] of rows) console.log(`| ${what} | ${result} | ${target} |`);
