/** Socket soak test; what it does and how is in USAGE. */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fail, intArg, parseCli } from './cli.ts';
import { LoadFleet } from './bench/load-fleet.ts';
import { cpuMicros, rssBytes } from './bench/process-stats.ts';
import { buildIfStale, startTrendScope, UNLIMITED_ENV } from './bench/servers.ts';
import { fixed, listCounts, percentile } from './bench/stats.ts';

const USAGE = `Usage: node --import tsx scripts/soak-sockets.ts [--sockets 10000] [--minutes 10] [--loaders 4]
       [--streams 1] [--limit default]

Soak: --sockets subscribed sockets on one TrendScope process for --minutes. The server runs as in
production (node dist/server/src/main.js, built first if stale; replay source, a forming candle moving
once a second per stream; fresh PGlite; per-address limits lifted, as every socket comes from
127.0.0.1); --loaders load-generator processes hold the sockets (socket.io-client, WebSocket only, no
reconnection, so no disconnect goes unseen). Each socket subscribes to --streams of the four replay
streams, as a page does on load.

Prints the connect and subscribe times, then one row a minute: sockets connected and subscribed,
disconnects with their reasons, events received (candle and the rest), the server's RSS and CPU; and
at the end the final RSS and whether every socket stayed (exit 1 if not). Any disconnect is
unexplained here: nothing restarts, and the server is never asked to close a socket.

Each process raises its open-file limit to the hard limit (ulimit -Hn, ${hardFileLimit()} here); the
server needs one descriptor per socket, each load generator one per socket it holds.

Options:
  --sockets N      subscribed sockets, 1-100000 (default 10000)
  --minutes N      how long they stay, 1-1440 (default 10)
  --loaders N      load-generator processes, 1-64 (default 4)
  --streams N      streams per socket, 1-4 (default 1)
  --limit N        candles in each subscribe's snapshot, 1-2000, or default: the server's default
                   snapshot, what a page asks for (default: default)
  -h, --help       show this help
`;

function hardFileLimit(): string {
  return spawnSync('/bin/sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
}

const { values } = parseCli({
  usage: USAGE,
  options: {
    sockets: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '10' },
    loaders: { type: 'string', default: '4' },
    streams: { type: 'string', default: '1' },
    limit: { type: 'string', default: 'default' },
  },
});
const sockets = intArg(values.sockets, '--sockets', { min: 1, max: 100_000 });
const minutes = intArg(values.minutes, '--minutes', { min: 1, max: 1440 });
const loaders = intArg(values.loaders, '--loaders', { min: 1, max: 64 });
const streams = intArg(values.streams, '--streams', { min: 1, max: 4 });
const limit = values.limit === 'default' ? undefined : intArg(values.limit, '--limit', { min: 1, max: 2000 });
const hardLimit = Number(hardFileLimit());
// The server holds every socket, plus its own files (PGlite, logs, pipes) and listening sockets.
if (Number.isFinite(hardLimit) && hardLimit < sockets + 1_000)
  fail(
    `--sockets ${sockets} needs an open-file hard limit of at least ${sockets + 1_000}; it is ${hardLimit} (raise it, e.g. ulimit -Hn in a root shell, or LimitNOFILE)`,
    1,
  );

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'];
const mb = (bytes: number) => `${fixed(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${fixed(ms / 1000, 1)} s`;

buildIfStale();
const server = await startTrendScope({
  env: { ...UNLIMITED_ENV, MARKET_SOURCE: 'replay', REPLAY_TICK_MS: '250' },
  forwardLogs: '[server] ',
});
const fleet = LoadFleet.start(loaders);
let exitCode = 0;
try {
  console.log(
    `\nSoak: ${sockets} sockets × ${streams} stream(s) on one TrendScope process (pid ${server.pid}), ${minutes} min, ${loaders} load-generator processes, node ${process.version}\n`,
  );
  const connected = await fleet.connect(server.url, sockets);
  console.log(
    `connected ${connected.connected} of ${sockets} in ${seconds(connected.ms)}${connected.connected < sockets ? `; failed: ${listCounts(connected.failed)}` : ''}`,
  );
  const started = performance.now();
  const subscribed = await fleet.subscribe({ symbols: SYMBOLS, timeframe: '1m', perSocket: streams, limit });
  console.log(
    `subscribed ${subscribed.latencies.length} of ${connected.connected * streams} (${limit ?? 'default'} candles) in ${seconds(performance.now() - started)}, ack p50 ${fixed(percentile(subscribed.latencies, 50))} ms, p99 ${fixed(percentile(subscribed.latencies, 99))} ms${Object.keys(subscribed.failures).length > 0 ? `; failed: ${listCounts(subscribed.failures)}` : ''}`,
  );
  console.log(`server RSS ${mb(rssBytes(server.pid))}\n`);
  console.log(
    '| minute | connected | subscribed | disconnects (reasons) | candle events | other events | candles per socket per s | server RSS | server CPU |',
  );
  console.log('|---:|---:|---:|---|---:|---:|---:|---:|---:|');
  await fleet.tally(); // from here on
  const disconnects: Record<string, number> = {};
  let last = { at: performance.now(), cpu: cpuMicros(server.pid) };
  for (let minute = 1; minute <= minutes; minute++) {
    await sleep(60_000);
    const tally = await fleet.tally();
    const now = { at: performance.now(), cpu: cpuMicros(server.pid) };
    const elapsedS = (now.at - last.at) / 1000;
    const candles = tally.events.candle ?? 0;
    const others = Object.entries(tally.events).filter(([name]) => name !== 'candle');
    for (const [reason, n] of Object.entries(tally.disconnects))
      disconnects[reason] = (disconnects[reason] ?? 0) + n;
    console.log(
      `| ${minute} | ${tally.connected} | ${tally.subscribed} | ${listCounts(tally.disconnects)} | ${candles} | ${others.reduce((n, [, c]) => n + c, 0)} | ${fixed(candles / Math.max(1, tally.subscribed) / elapsedS, 2)} | ${mb(rssBytes(server.pid))} | ${fixed((100 * (now.cpu - last.cpu)) / 1e6 / elapsedS)} % |`,
    );
    last = now;
  }
  const final = await fleet.tally();
  const lost = sockets - final.connected;
  console.log(
    `\nfinal: ${final.connected} of ${sockets} connected, ${final.subscribed} subscribed; disconnects: ${listCounts(disconnects)}; server RSS ${mb(rssBytes(server.pid))}`,
  );
  if (lost > 0 || Object.keys(disconnects).length > 0) {
    console.log(`unexplained disconnects: ${lost}`);
    exitCode = 1;
  } else console.log('unexplained disconnects: 0');
} finally {
  await fleet.close();
  await server.stop();
}
process.exit(exitCode);
