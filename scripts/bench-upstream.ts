/** Upstream budget benchmark; what it measures and how is in USAGE. */
import { silentLogger } from '../server/src/kernel/logger.ts';
import { CcxtSource } from '../server/src/market/ccxt/ccxt-source.ts';
import { createCcxtExchange } from '../server/src/market/ccxt/create-exchange.ts';
import { RateGate } from '../server/src/market/rate-gate.ts';
import { connectClients, startBenchApp } from './bench-support.ts';
import { intArg, intListArg, parseCli } from './cli.ts';
import { FakeBinance } from './fake-exchange/binance-server.ts';

const USAGE = `Usage: node --import tsx scripts/bench-upstream.ts [--clients 1,100,1000] [--seconds 20] [--poll-ms 2000]

Upstream budget: how many requests the exchange sees per stream, whatever the number of viewers.
N real socket.io clients watch BTC/USDT 1m on TrendScope running ccxt against the local Binance
(scripts/fake-exchange), once over its WebSocket and once polling over REST. Prints one table row
per feed and client count.

Options:
  --clients LIST   viewer counts, one table row each per feed (default 1,100,1000)
  --seconds N      seconds measured per row, 1-3600 (default 20)
  --poll-ms N      REST polling interval of the polling run, in ms, 100-600000 (default 2000)
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    clients: { type: 'string', default: '1,100,1000' },
    seconds: { type: 'string', default: '20' },
    'poll-ms': { type: 'string', default: '2000' },
  },
});
const counts = intListArg(values.clients, '--clients', { min: 1, max: 100_000 });
const seconds = intArg(values.seconds, '--seconds', { min: 1, max: 3600 });
const pollMs = intArg(values['poll-ms'], '--poll-ms', { min: 100, max: 600_000 });
// As in main.ts: ccxt can reject a WebSocket send it never awaited; log it, never crash on it.
process.on('unhandledRejection', (reason) =>
  console.error('unhandled rejection:', reason instanceof Error ? reason.message : reason),
);

async function run(clients: number, webSocket: boolean) {
  const fake = await FakeBinance.start({ webSocket });
  const gate = new RateGate();
  const exchange = createCcxtExchange({
    exchangeId: 'binance',
    apiUrl: fake.url,
    timeoutMs: 10_000,
    onRetryAfter: (ms) => gate.block(ms),
  });
  const source = new CcxtSource({
    exchange,
    symbols: ['BTC/USDT'],
    pollIntervalMs: pollMs,
    clock: Date.now,
    logger: silentLogger,
    gate,
  });
  const bench = await startBenchApp(source);
  const sockets = await connectClients(bench.url, clients);
  let received = 0;
  for (const s of sockets) s.on('candle', () => received++);
  const opening = fake.count('/api/v3/klines');
  await Promise.all(
    sockets.map((s) =>
      s.timeout(60_000).emitWithAck('subscribe', { symbol: 'BTC/USDT', timeframe: '1m', limit: 500 }),
    ),
  );
  const history = fake.count('/api/v3/klines') - opening;
  const from = Date.now();
  const before = fake.count('/api/v3/klines');
  received = 0;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const steady = fake.count('/api/v3/klines') - before;
  const elapsedMin = (Date.now() - from) / 60_000;
  const row = {
    clients,
    mode: webSocket ? 'WebSocket' : `polling every ${pollMs / 1000} s`,
    history,
    restPerMin: steady / elapsedMin,
    subscriptions: fake.subscriptionCount,
    updatesPerClientPerMin: received / clients / elapsedMin,
  };
  for (const s of sockets) s.disconnect();
  await bench.close();
  await fake.close();
  return row;
}

const rows = [];
for (const webSocket of [true, false]) for (const n of counts) rows.push(await run(n, webSocket));
console.log(
  `\nUpstream requests for one stream (BTC/USDT 1m) against the local Binance, ${seconds} s per row, node ${process.version}\n`,
);
console.log(
  '| viewers | feed | klines requests to open the stream | klines requests per minute, steady | WebSocket subscriptions | updates per viewer per minute |',
);
console.log('|---:|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.clients} | ${r.mode} | ${r.history} | ${r.restPerMin.toFixed(1)} | ${r.subscriptions} | ${r.updatesPerClientPerMin.toFixed(0)} |`,
  );
}
process.exit(0);
