/** Fan-out benchmark; what it measures and how is in USAGE. */
import { silentLogger } from '../server/src/kernel/logger.ts';
import type { MarketSource } from '../server/src/market/port.ts';
import { createReplaySource } from '../server/src/market/replay/replay-source.ts';
import { connectClients, percentile, startBenchApp } from './bench-support.ts';
import { intArg, intListArg, parseCli } from './cli.ts';

const USAGE = `Usage: node --import tsx scripts/bench-fanout.ts [--clients 1,100,1000] [--seconds 5]

Fan-out benchmark: N real socket.io clients watch one stream of the replay source (BTC/USDT 1m, a
tick every 100 ms). Prints, per N: upstream feeds opened, subscribe-ack latency, tick delivery latency
(source emit -> client receipt) and the share of updates delivered (ticks are volatile: under load a
client may skip one). Clients run in this same process, so latency includes their cost.

Options:
  --clients LIST   client counts, one table row each (default 1,100,1000)
  --seconds N      seconds measured per row, 1-3600 (default 5)
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: { clients: { type: 'string', default: '1,100,1000' }, seconds: { type: 'string', default: '5' } },
});
const counts = intListArg(values.clients, '--clients', { min: 1, max: 100_000 });
const seconds = intArg(values.seconds, '--seconds', { min: 1, max: 3600 });

const ms = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(1));

async function run(clients: number) {
  const replay = await createReplaySource({ clock: Date.now, tickMs: 100, logger: silentLogger });
  const emitted = new Map<string, number>();
  let feeds = 0;
  const source: MarketSource = Object.assign(Object.create(replay) as MarketSource, {
    watchCandles: (
      symbol: string,
      tf: Parameters<MarketSource['watchCandles']>[1],
      handlers: Parameters<MarketSource['watchCandles']>[2],
    ) => {
      feeds++;
      return replay.watchCandles(symbol, tf, {
        ...handlers,
        onCandle: (c) => {
          emitted.set(`${c.time}:${c.close}:${c.volume}`, performance.now());
          handlers.onCandle(c);
        },
      });
    },
  });
  const bench = await startBenchApp(source);
  const sockets = await connectClients(bench.url, clients);
  const acks: number[] = [];
  const delivery: number[] = [];
  let received = 0;
  for (const socket of sockets) {
    socket.on('candle', (e: { candle: { time: number; close: number; volume: number } }) => {
      const at = emitted.get(`${e.candle.time}:${e.candle.close}:${e.candle.volume}`);
      if (at !== undefined) delivery.push(performance.now() - at);
      received++;
    });
  }
  await Promise.all(
    sockets.map(async (s) => {
      const start = performance.now();
      await s.timeout(30_000).emitWithAck('subscribe', { symbol: 'BTC/USDT', timeframe: '1m', limit: 500 });
      acks.push(performance.now() - start);
    }),
  );
  delivery.length = 0;
  received = 0;
  const sentBefore = emitted.size;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const sent = emitted.size - sentBefore;
  const row = {
    clients,
    feeds,
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    deliveryP50: percentile(delivery, 50),
    deliveryP99: percentile(delivery, 99),
    perClientPerSec: received / clients / seconds,
    deliveredShare: received / (clients * sent),
  };
  for (const s of sockets) s.disconnect();
  await bench.close();
  return row;
}

const rows = [];
for (const n of counts) rows.push(await run(n));
console.log(
  `\nFan-out of one stream (BTC/USDT 1m replay, a tick every 100 ms, ${seconds} s per row, node ${process.version})\n`,
);
console.log(
  '| clients | upstream feeds | subscribe ack p50 / p99 (ms) | tick delivery p50 / p99 (ms) | updates per client per s | updates delivered |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.clients} | ${r.feeds} | ${ms(r.ackP50)} / ${ms(r.ackP99)} | ${ms(r.deliveryP50)} / ${ms(r.deliveryP99)} | ${r.perClientPerSec.toFixed(1)} | ${(100 * Math.min(1, r.deliveredShare)).toFixed(1)} % |`,
  );
}
process.exit(0);
