/** Fan-out benchmark against bare Socket.IO; what it measures and how is in USAGE. */
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { intArg, intListArg, parseCli } from './cli.ts';
import type { HealthzProberHandlers } from './bench/healthz-prober.ts';
import { startWorker } from './bench/ipc.ts';
import { LoadFleet } from './bench/load-fleet.ts';
import { cpuMeter, otherLoadMeter } from './bench/process-stats.ts';
import {
  buildIfStale,
  startBareServer,
  startTrendScope,
  UNLIMITED_ENV,
  type RunningServer,
} from './bench/servers.ts';
import { fixed, kb, listCounts, percentile, sum } from './bench/stats.ts';
import { warmUp, type Captured } from './bench/warm-client.ts';

const USAGE = `Usage: node --import tsx scripts/bench-fanout.ts [--clients 1000,3000] [--streams 4] [--seconds 60]
       [--storm 2000] [--loaders 2] [--limit 50]

TrendScope's Socket.IO fan-out against a bare Socket.IO server, in one run, every party in its own
process: TrendScope as production runs it (node dist/server/src/main.js, built first if stale; replay
source with REPLAY_TICK_MS=250 so each stream moves once a second; fresh PGlite; per-address limits
lifted, as every client comes from 127.0.0.1), the bare server (scripts/bench/bare-server.ts: rooms,
acks, volatile broadcasts, re-serialising the ack TrendScope sent and a candle of the same shape once a
second per stream), --loaders load-generator processes holding the sockets (socket.io-client, WebSocket
only) and a /healthz prober. Each server is fresh for each measurement, warmed by one client watching
every stream.

Steady fan-out, one row per --clients: every client subscribes to --streams streams (limit --limit),
then for --seconds:
  messages/s         candle events delivered per second, across clients
  delivered          of the updates sent while measuring, the share each subscriber received
  repeats            updates a client received again (the same candle twice), per update and client
  CPU µs / message   server utime+stime (/proc/<pid>/stat) over the window / updates delivered (a
                     repeat is not a delivery: its cost is charged to the others)
  spread p50/p99     per update, from the first client to the last receiving it (shared clock)
  memory / conn      what the server holds with the clients subscribed (at the end of the window)
                     less before they came, / clients: live = V8 heap used + external memory, exact;
                     (RSS) = resident set, which also moves by some MB as V8 grows or returns its
                     young generation. Both read after full GCs (node --expose-gc and
                     scripts/bench/gc-probe.mjs preloaded into both servers; their code is untouched)
  subscribe ack      emit to ack, every client subscribing at once

Storm: --storm idle sockets subscribe at the same moment to one stream each with no limit (the
default snapshot, what a page sends on load):
  CPU / subscribe    server CPU from the first subscribe to 1 s after the last ack, less its rate
                     before the storm (measured over 5 s: every stream fed, one client watching)
  /healthz p99       GET /healthz every 20 ms from the prober process while the storm lasts
  bytes / snapshot   TCP bytes of one default ack (median), other frames on the socket subtracted

Both tables end with "other load": the cores the rest of the machine kept busy while measuring
(/proc/stat less the benchmark's processes); on a shared machine, figures taken under load are noisier.

Options:
  --clients LIST   client counts, one row each (default 1000,3000)
  --streams N      streams each client watches, 1-4 (default 4)
  --seconds N      seconds measured per row, 5-3600 (default 60: one candle close each, as in
                   a real minute; shorter windows hold one close or none)
  --storm N        sockets in the storm, 0 to skip it (default 2000)
  --loaders N      load-generator processes, 1-64 (default 2)
  --limit N        candles in the steady subscribes' snapshots, 1-2000 (default 50)
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    clients: { type: 'string', default: '1000,3000' },
    streams: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '60' },
    storm: { type: 'string', default: '2000' },
    loaders: { type: 'string', default: '2' },
    limit: { type: 'string', default: '50' },
  },
});
const counts = intListArg(values.clients, '--clients', { min: 1, max: 100_000 });
const streams = intArg(values.streams, '--streams', { min: 1, max: 4 });
const seconds = intArg(values.seconds, '--seconds', { min: 5, max: 3600 });
const stormSize = intArg(values.storm, '--storm', { min: 0, max: 100_000 });
const loaders = intArg(values.loaders, '--loaders', { min: 1, max: 64 });
const limit = intArg(values.limit, '--limit', { min: 1, max: 2000 });

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'];
const TIMEFRAME = '1m';
const REPLAY_TICK_MS = 250;
/** The replay moves a forming candle once a second (60 steps a minute): the bare server's pace. */
const UPDATE_MS = 1000;
const WARMUP_MS = 3_000;
/** After the window, how long receipts of updates sent inside it may still arrive. */
const GRACE_MS = 2_000;
const sharedNow = () => performance.timeOrigin + performance.now();
const log = (line: string) => process.stderr.write(`[bench-fanout] ${line}\n`);

interface Steady {
  clients: number;
  messagesPerSecond: number;
  /** Of the updates sent while measuring, the share each subscriber received (once). */
  delivered: number;
  /** Updates a client received again, per update and subscriber. */
  repeated: number;
  cpuPerMessageUs: number;
  spreadP50: number;
  spreadP99: number;
  livePerConnection: number;
  rssPerConnection: number;
  ackP50: number;
  ackP99: number;
  failures: Record<string, number>;
  /** Cores other processes of the machine kept busy meanwhile. */
  otherLoad: number;
}

interface Storm {
  subscribes: number;
  cpuPerSubscribeMs: number;
  /** Server CPU before the storm, every stream fed (one client watching them all), ms per s. */
  idleCpuMsPerSecond: number;
  healthzP50: number;
  healthzP99: number;
  healthzFailures: number;
  ackP50: number;
  ackP99: number;
  wireBytes: number;
  frameBytes: number;
  failures: Record<string, number>;
  otherLoad: number;
}

type Kind = 'ours' | 'bare';
const NAMES: Record<Kind, string> = { ours: 'TrendScope', bare: 'bare Socket.IO' };
const pct = (x: number) => `${fixed(100 * x, 1)} %`;
const pair = (a: number, b: number, digits = 0) => `${fixed(a, digits)} / ${fixed(b, digits)}`;

const fleet = LoadFleet.start(loaders);
const prober = startWorker<HealthzProberHandlers>(new URL('./bench/healthz-prober.ts', import.meta.url));
let captured: Captured | undefined;

/** A fresh server of `kind`, warmed by a client watching every stream; the first one captures the acks. */
async function withServer<T>(kind: Kind, measure: (server: RunningServer) => Promise<T>): Promise<T> {
  const server =
    kind === 'ours'
      ? await startTrendScope({
          env: {
            ...UNLIMITED_ENV,
            MARKET_SOURCE: 'replay',
            REPLAY_TICK_MS: String(REPLAY_TICK_MS),
            MAX_SUBSCRIPTIONS_PER_SOCKET: String(Math.max(20, streams)),
          },
        })
      : await startBareServer({
          ...captured!,
          symbols: SYMBOLS,
          timeframe: TIMEFRAME,
          updateMs: UPDATE_MS,
        });
  try {
    const warm = await warmUp(server.url, { symbols: SYMBOLS, timeframe: TIMEFRAME, limit, settleMs: 3_000 });
    captured ??= warm.captured;
    try {
      return await measure(server);
    } finally {
      warm.close();
    }
  } finally {
    await fleet.disconnectAll();
    await server.stop();
  }
}

async function steady(server: RunningServer, clients: number): Promise<Steady> {
  const memoryBefore = await server.memoryAfterGc();
  const connection = await fleet.connect(server.url, clients);
  if (connection.connected < clients) log(`connect failures: ${listCounts(connection.failed)}`);
  const subscribed = await fleet.subscribe({
    symbols: SYMBOLS,
    timeframe: TIMEFRAME,
    perSocket: streams,
    limit,
  });
  await sleep(WARMUP_MS);
  await fleet.countStart();
  const from = sharedNow();
  const cpu = cpuMeter(server.pid);
  const otherLoad = otherLoadMeter([server.pid, ...fleet.pids, prober.pid]);
  await sleep(seconds * 1000);
  const cpuUs = cpu.stop();
  const othersBusy = otherLoad.stop();
  const to = sharedNow();
  await sleep(GRACE_MS);
  const { receipts, subscribers } = await fleet.countStop();
  const memoryAfter = await server.memoryAfterGc();
  // Updates the servers sent while measuring: those some client first received inside the window.
  const updates = [...receipts.values()].filter((r) => r.first >= from && r.first <= to);
  const messages = sum(updates.map((u) => u.count));
  const repeats = sum(updates.map((u) => u.repeats));
  const expected = sum(updates.map((u) => subscribers[u.symbol] ?? 0));
  const spreads = updates.map((u) => u.last - u.first);
  return {
    clients: connection.connected,
    messagesPerSecond: (messages + repeats) / seconds,
    delivered: messages / expected,
    repeated: repeats / expected,
    cpuPerMessageUs: cpuUs / messages,
    spreadP50: percentile(spreads, 50),
    spreadP99: percentile(spreads, 99),
    livePerConnection: (memoryAfter.live - memoryBefore.live) / connection.connected,
    rssPerConnection: (memoryAfter.rss - memoryBefore.rss) / connection.connected,
    ackP50: percentile(subscribed.latencies, 50),
    ackP99: percentile(subscribed.latencies, 99),
    failures: subscribed.failures,
    otherLoad: othersBusy,
  };
}

async function storm(server: RunningServer, size: number): Promise<Storm> {
  const connection = await fleet.connect(server.url, size);
  await sleep(2_000);
  const idle = cpuMeter(server.pid);
  await sleep(5_000);
  const idleUsPerMs = idle.stop() / (performance.now() - idle.startedAt);
  await prober.call('start', { url: server.url, everyMs: 20 });
  const cpu = cpuMeter(server.pid);
  const otherLoad = otherLoadMeter([server.pid, ...fleet.pids, prober.pid]);
  const subscribed = await fleet.subscribe({
    symbols: SYMBOLS,
    timeframe: TIMEFRAME,
    perSocket: 1,
    measureBytes: true,
  });
  const healthz = await prober.call('stop');
  const othersBusy = otherLoad.stop();
  // The storm's own tail (writes flushed, garbage collected) belongs to it as well.
  await sleep(1_000);
  const cpuUs = cpu.stop() - idleUsPerMs * (performance.now() - cpu.startedAt);
  const ok = subscribed.latencies.length;
  return {
    subscribes: connection.connected,
    cpuPerSubscribeMs: cpuUs / 1000 / ok,
    idleCpuMsPerSecond: idleUsPerMs,
    healthzP50: percentile(healthz.latencies, 50),
    healthzP99: percentile(healthz.latencies, 99),
    healthzFailures: healthz.failures,
    ackP50: percentile(subscribed.latencies, 50),
    ackP99: percentile(subscribed.latencies, 99),
    wireBytes: percentile(
      subscribed.bytes.map((b) => b.wire),
      50,
    ),
    frameBytes: percentile(
      subscribed.bytes.map((b) => b.frames),
      50,
    ),
    failures: subscribed.failures,
    otherLoad: othersBusy,
  };
}

try {
  log('building dist/ if stale');
  buildIfStale();
  const storms: Partial<Record<Kind, Storm>> = {};
  if (stormSize > 0)
    for (const kind of ['ours', 'bare'] as const) {
      log(`storm of ${stormSize} default subscribes, ${kind}`);
      storms[kind] = await withServer(kind, (server) => storm(server, stormSize));
    }
  const rows: Array<Record<Kind, Steady>> = [];
  for (const clients of counts) {
    const row: Partial<Record<Kind, Steady>> = {};
    for (const kind of ['ours', 'bare'] as const) {
      log(`${clients} clients × ${streams} streams, ${kind}`);
      row[kind] = await withServer(kind, (server) => steady(server, clients));
    }
    rows.push(row as Record<Kind, Steady>);
  }
  report(rows, storms);
} finally {
  await Promise.all([fleet.close(), prober.stop()]);
}

function report(rows: Array<Record<Kind, Steady>>, storms: Partial<Record<Kind, Storm>>): void {
  console.log(
    `\nSteady fan-out, ${seconds} s per row: each client watches ${streams} replay stream(s) (1 update/s each), subscribed with limit ${limit}; ${loaders} load-generator processes; node ${process.version}, ${availableParallelism()} CPUs\n`,
  );
  console.log(
    '| clients | server | messages/s | delivered | repeats | server CPU µs per message | spread p50 / p99 ms | memory per connection: live (RSS) | subscribe ack p50 / p99 ms | other load (cores) |',
  );
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows)
    for (const kind of ['ours', 'bare'] as const) {
      const r = row[kind];
      console.log(
        `| ${r.clients} | ${NAMES[kind]} | ${fixed(r.messagesPerSecond)} | ${pct(r.delivered)} | ${pct(r.repeated)} | ${fixed(r.cpuPerMessageUs, 1)} | ${pair(r.spreadP50, r.spreadP99)} | ${kb(r.livePerConnection)} (${kb(r.rssPerConnection)}) | ${pair(r.ackP50, r.ackP99)} | ${fixed(r.otherLoad, 2)} |`,
      );
    }
  for (const row of rows)
    for (const kind of ['ours', 'bare'] as const)
      if (Object.keys(row[kind].failures).length > 0)
        console.log(
          `\n${NAMES[kind]}, ${row[kind].clients} clients: failed subscribes: ${listCounts(row[kind].failures)}`,
        );

  if (storms.ours && storms.bare) {
    console.log(
      `\nStorm: ${stormSize} sockets send a default subscribe (no limit) at the same moment, one stream each; /healthz asked every 20 ms meanwhile from another process\n`,
    );
    console.log(
      '| subscribes | server | server CPU ms per subscribe | /healthz p50 / p99 ms | ack p50 / p99 ms | bytes per default snapshot on the wire (decoded frames) | server CPU before the storm, ms per s | other load (cores) |',
    );
    console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
    for (const kind of ['ours', 'bare'] as const) {
      const s = storms[kind]!;
      console.log(
        `| ${s.subscribes} | ${NAMES[kind]} | ${fixed(s.cpuPerSubscribeMs, 2)} | ${pair(s.healthzP50, s.healthzP99)} | ${pair(s.ackP50, s.ackP99)} | ${kb(s.wireBytes)} (${kb(s.frameBytes)}) | ${fixed(s.idleCpuMsPerSecond)} | ${fixed(s.otherLoad, 2)} |`,
      );
      if (Object.keys(s.failures).length > 0 || s.healthzFailures > 0)
        console.log(
          `\n${NAMES[kind]} storm: failed subscribes: ${listCounts(s.failures)}; failed /healthz: ${s.healthzFailures}`,
        );
    }
  }
  targets(rows.at(-1), storms);
}

/** The targets against the storm and the largest row: TrendScope against bare in this run. */
function targets(row: Record<Kind, Steady> | undefined, storms: Partial<Record<Kind, Storm>>): void {
  const lines: Array<[string, string, boolean]> = [];
  const ratio = (a: number, b: number) => `${fixed(a / b, 2)}× (${fixed(a, 2)} vs ${fixed(b, 2)})`;
  const { ours, bare } = storms;
  if (ours && bare) {
    lines.push([
      'storm: CPU per subscribe ≤ ⅓ of bare',
      ratio(ours.cpuPerSubscribeMs, bare.cpuPerSubscribeMs),
      ours.cpuPerSubscribeMs <= bare.cpuPerSubscribeMs / 3,
    ]);
    lines.push([
      'storm: ≤ 60 KB per default snapshot on the wire',
      kb(ours.wireBytes),
      ours.wireBytes <= 60 * 1024,
    ]);
    lines.push([
      'storm: /healthz p99 ≤ 100 ms',
      `${fixed(ours.healthzP99)} ms (bare: ${fixed(bare.healthzP99)} ms)`,
      ours.healthzP99 <= 100,
    ]);
  }
  if (row) {
    const { ours: o, bare: b } = row;
    lines.push([
      `${o.clients} clients: CPU per message ≤ 1.1× bare`,
      ratio(o.cpuPerMessageUs, b.cpuPerMessageUs),
      o.cpuPerMessageUs <= 1.1 * b.cpuPerMessageUs,
    ]);
    lines.push([
      `${o.clients} clients: spread p99 ≤ 2× bare`,
      ratio(o.spreadP99, b.spreadP99),
      o.spreadP99 <= 2 * b.spreadP99,
    ]);
    lines.push([
      `${o.clients} clients: memory per connection ≤ 2× bare and ≤ 20 KB (live)`,
      `${ratio(o.livePerConnection / 1024, b.livePerConnection / 1024)} KB; RSS ${kb(o.rssPerConnection)} vs ${kb(b.rssPerConnection)}`,
      o.livePerConnection <= 2 * b.livePerConnection && o.livePerConnection <= 20 * 1024,
    ]);
    lines.push([`${o.clients} clients: ≥ 99 % delivered`, pct(o.delivered), o.delivered >= 0.99]);
  }
  if (lines.length === 0) return;
  console.log('\n| target | TrendScope vs bare Socket.IO, this run | met |\n|---|---:|:---:|');
  for (const [what, measured, met] of lines) console.log(`| ${what} | ${measured} | ${met ? 'yes' : 'no'} |`);
}
