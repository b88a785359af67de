/** Flood benchmark for the fault and abuse issue: what floods cost the server and everyone else. */
import { io } from 'socket.io-client';
import { TIMEFRAMES } from '../shared/market.ts';
import { intArg, parseCli } from './cli.ts';
import type { HealthzProberHandlers } from './bench/healthz-prober.ts';
import { startWorker } from './bench/ipc.ts';
import { buildIfStale, startTrendScope } from './bench/servers.ts';
import { percentile } from './bench/stats.ts';

const USAGE = `Usage: node --import tsx scripts/bench-abuse.ts [--requests 12000] [--flood-seconds 20]

Starts TrendScope as production runs it (node dist/server/src/main.js, replay, fresh PGlite), each
party in its own process, and prints one table:

  cold requests   --requests distinct GET /api/candles queries (every symbol, timeframe and limit
                  1..2000), with the per-address request limit lifted so every one is served: the
                  server's RSS before, after and its growth
  event flood     one client sending subscribe/unsubscribe as fast as its acks come back, under the
                  default per-socket and per-address limits, reconnecting whenever it is cut off,
                  for --flood-seconds: events sent, refused RATE_LIMITED, times cut off, and
                  GET /healthz p50/p99 from a separate prober meanwhile, next to the same prober
                  on the idle server

Options:
  --requests <n>        distinct cold requests (default 12000)
  --flood-seconds <n>   how long the socket floods (default 20)
  -h, --help            show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    requests: { type: 'string', default: '12000' },
    'flood-seconds': { type: 'string', default: '20' },
  },
});
const REQUESTS = intArg(values.requests, '--requests', { min: 100, max: 1_000_000 });
const FLOOD_SECONDS = intArg(values['flood-seconds'], '--flood-seconds', { min: 1, max: 600 });
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'];
const MB = 1024 * 1024;

buildIfStale();
const prober = startWorker<HealthzProberHandlers>(new URL('./bench/healthz-prober.ts', import.meta.url));
const rows: string[][] = [];

async function healthzWhile(url: string, seconds: number, during?: () => Promise<void>) {
  await prober.call('start', { url, everyMs: 20 });
  await Promise.all([during?.(), new Promise((r) => setTimeout(r, seconds * 1000))]);
  const { latencies } = await prober.call('stop');
  return `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms`;
}

// Cold requests, no request limit: what they cost is the cache, which must stay bounded.
{
  const server = await startTrendScope({ env: { HTTP_REQUESTS_PER_MINUTE: '0' } });
  // After a collection both times: startup's own peak (the embedded database opening) is handed
  // back over the first seconds, and garbage not yet collected is no growth.
  const before = (await server.memoryAfterGc()).rss;
  let served = 0;
  for (let i = 0; i < REQUESTS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, REQUESTS - i) }, async (_, j) => {
        const n = i + j;
        const symbol = SYMBOLS[n % SYMBOLS.length]!;
        const timeframe = TIMEFRAMES[Math.floor(n / SYMBOLS.length) % TIMEFRAMES.length]!;
        const limit = 1 + (n % 2000);
        const res = await fetch(
          `${server.url}/api/candles?symbol=${symbol}&timeframe=${timeframe}&limit=${limit}`,
        );
        await res.arrayBuffer();
        if (res.ok) served++;
      }),
    );
  }
  const after = (await server.memoryAfterGc()).rss;
  rows.push([
    `${REQUESTS.toLocaleString('en')} distinct cold /api/candles`,
    `${served.toLocaleString('en')} served`,
    `RSS ${(before / MB).toFixed(0)} → ${(after / MB).toFixed(0)} MB (+${((after - before) / MB).toFixed(0)} MB; target ≤ 150 MB)`,
  ]);
  await server.stop();
}

// One socket flooding events under the default limits, while everyone else asks /healthz.
{
  const server = await startTrendScope();
  const idle = await healthzWhile(server.url, 5);
  let sent = 0;
  let refused = 0;
  let cutOff = 0;
  let flooding = true;
  // Cut off at ten times its allowance, the flooder connects again at once, as an attacker would.
  const flood = async () => {
    const stream = { symbol: 'BTC/USDT', timeframe: '1m', limit: 50 };
    while (flooding) {
      const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      while (flooding && socket.connected) {
        const acks = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            socket
              .timeout(2_000)
              .emitWithAck(i % 2 ? 'unsubscribe' : 'subscribe', stream)
              .catch(() => null),
          ),
        );
        sent += acks.length;
        refused += acks.filter((a) => a && !a.ok && a.error.code === 'RATE_LIMITED').length;
      }
      if (!socket.connected) cutOff++;
      socket.disconnect();
    }
  };
  const during = await healthzWhile(server.url, FLOOD_SECONDS, async () => {
    const running = flood();
    await new Promise((r) => setTimeout(r, FLOOD_SECONDS * 1000));
    flooding = false;
    await running;
  });
  rows.push([
    `one client flooding subscribe/unsubscribe, ${FLOOD_SECONDS} s`,
    `${sent.toLocaleString('en')} events, ${refused.toLocaleString('en')} refused RATE_LIMITED, cut off ${cutOff}× (reconnecting each time)`,
    `/healthz p50 / p99: idle ${idle}, during the flood ${during} (target p99 ≤ 100 ms)`,
  ]);
  await server.stop();
}

await prober.stop();
console.log('| flood | answered | what everyone else feels |');
console.log('| --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
