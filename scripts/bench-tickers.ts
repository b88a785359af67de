/** Ticker fan-out benchmark; what it measures and how is in USAGE. */
import type { TickersEvent, TickersSnapshot } from '../shared/tickers.ts';
import type { Ack } from '../shared/errors.ts';
import { silentLogger } from '../server/src/kernel/logger.ts';
import { DelegatingSource } from '../server/src/market/delegating-source.ts';
import type { MarketSource } from '../server/src/market/port.ts';
import { createReplaySource } from '../server/src/market/replay/replay-source.ts';
import { connectClients, percentile, startBenchApp } from './bench-support.ts';
import { intArg, intListArg, parseCli } from './cli.ts';

const USAGE = `Usage: node --import tsx scripts/bench-tickers.ts [--clients 1,100,1000] [--seconds 10]

Ticker fan-out: N real socket.io clients follow every symbol's ticker (the watchlist's
\`tickers:subscribe\`) on TrendScope replaying at real speed. Prints one table row per client count:
the upstream feeds the tickers hold, the subscribe ack's latency, the pushes each client receives per
second, and the size of a push with and without the hourly sparklines.

Options:
  --clients LIST   follower counts, one table row each (default 1,100,1000)
  --seconds N      seconds measured per row, 1-3600 (default 10)
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    clients: { type: 'string', default: '1,100,1000' },
    seconds: { type: 'string', default: '10' },
  },
});
const counts = intListArg(values.clients, '--clients', { min: 1, max: 100_000 });
const seconds = intArg(values.seconds, '--seconds', { min: 1, max: 3600 });

/** Counts the 1m feeds opened upstream: the tickers' one per symbol, whatever the followers. */
class FeedCounter extends DelegatingSource {
  open = 0;
  override watchCandles(...args: Parameters<MarketSource['watchCandles']>) {
    this.open++;
    const stop = super.watchCandles(...args);
    return () => {
      this.open--;
      stop();
    };
  }
}

async function run(clients: number) {
  const source = new FeedCounter(
    await createReplaySource({ clock: Date.now, tickMs: 1_000, logger: silentLogger }),
  );
  // Every follower is on this one address: its allowance of events is lifted, as behind a balancer.
  const bench = await startBenchApp(source, undefined, undefined, {
    eventLimits: { perSocket: 40, perIp: 1_000_000, windowSeconds: 10 },
  });
  const sockets = await connectClients(bench.url, clients);
  const pushes: number[] = new Array(clients).fill(0);
  const sizes = { plain: [] as number[], sparkline: [] as number[] };
  sockets.forEach((s, i) =>
    s.on('tickers', (event: TickersEvent) => {
      pushes[i]!++;
      if (i !== 0) return;
      const size = Buffer.byteLength(JSON.stringify(event));
      (event.tickers.some((t) => t.sparkline) ? sizes.sparkline : sizes.plain).push(size);
    }),
  );
  const latencies = await Promise.all(
    sockets.map(async (s) => {
      const start = performance.now();
      const ack = (await s.timeout(30_000).emitWithAck('tickers:subscribe', {})) as Ack<TickersSnapshot>;
      if (!ack.ok) throw new Error(ack.error.message);
      return performance.now() - start;
    }),
  );
  pushes.fill(0);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const perSecond = pushes.map((n) => n / seconds);
  const row = {
    clients,
    feeds: source.open,
    ackP50: percentile(latencies, 50),
    ackP99: percentile(latencies, 99),
    pushesP50: percentile(perSecond, 50),
    pushesMax: Math.max(...perSecond),
    bytes: percentile(sizes.plain, 50),
    sparklineBytes: percentile(sizes.sparkline, 50),
  };
  for (const s of sockets) s.disconnect();
  await bench.close();
  return row;
}

const rows = [];
for (const clients of counts) rows.push(await run(clients));
const ms = (x: number) => x.toFixed(1);
const bytes = (x: number) => (Number.isNaN(x) ? '—' : `${Math.round(x)} B`);
console.log(
  `\nTicker fan-out on the replay (4 symbols), ${seconds} s per row, node ${process.version}\n\n` +
    '| followers | upstream 1m feeds | subscribe ack p50 / p99 ms | pushes per follower per s (p50 / max) | push size | push with sparklines |\n' +
    '| --------: | ----------------: | -------------------------: | ------------------------------------: | --------: | -------------------: |',
);
for (const r of rows)
  console.log(
    `| ${r.clients} | ${r.feeds} | ${ms(r.ackP50)} / ${ms(r.ackP99)} | ${r.pushesP50.toFixed(2)} / ${r.pushesMax.toFixed(2)} | ${bytes(r.bytes)} | ${bytes(r.sparklineBytes)} |`,
  );
process.exit(0);
