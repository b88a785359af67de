/** History depth benchmark: what each timeframe's first snapshot costs; what it measures is in USAGE. */
import { gunzipSync } from 'node:zlib';
import type { Socket } from 'socket.io-client';
import { historyDepth } from '../shared/limits.ts';
import { TIMEFRAMES, type Timeframe } from '../shared/market.ts';
import { decodeSubscribeResponse, unpackCandles, type SubscribeResponse } from '../shared/snapshot.ts';
import type { CandlesResponse } from '../shared/http.ts';
import type { Ack } from '../shared/errors.ts';
import { silentLogger } from '../server/src/kernel/logger.ts';
import { createReplaySource } from '../server/src/market/replay/replay-source.ts';
import { connectClients, startBenchApp } from './bench-support.ts';
import { fail, parseCli } from './cli.ts';

const USAGE = `Usage: node --import tsx scripts/bench-history.ts [--timeframes 1m,4h,1d,1w] [--symbol BTC/USDT]

History depth benchmark, on the replay at today's date: for each timeframe, the candles a chart
starts with (the default snapshot) and the date of the first, the snapshot's compressed size, the
time from subscribe to ack when the stream is cold (history, indicator warm-up, analysis and
forecast) and when it is warm (a second viewer), and how much the server's heap grew while the
stream is open (run with node --expose-gc, as npm run bench:history does, for a steady figure). One
stream at a time, each closed before the next. Then the page of 1,000 older candles a chart loads
when scrolled back past its snapshot (GET /api/candles with before = the snapshot's first candle):
cold and from the one-minute cache. Prints markdown tables.

Options:
  --timeframes LIST   comma-separated (default every timeframe: ${TIMEFRAMES.join(',')})
  --symbol S          the market (default BTC/USDT)
  -h, --help          show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    timeframes: { type: 'string', default: TIMEFRAMES.join(',') },
    symbol: { type: 'string', default: 'BTC/USDT' },
  },
});
const timeframes = values.timeframes.split(',').map((tf) => tf.trim());
for (const tf of timeframes)
  if (!(TIMEFRAMES as readonly string[]).includes(tf))
    fail(`--timeframes: '${tf}' is not one of ${TIMEFRAMES.join(', ')}`);

const source = await createReplaySource({ clock: Date.now, tickMs: 1000, logger: silentLogger });
const offered = await source.loadSymbols();
if (!offered.some((s) => s.symbol === values.symbol)) fail(`--symbol: the replay has no ${values.symbol}`);
const server = await startBenchApp(source);
const [first, second] = (await connectClients(server.url, 2)) as [Socket, Socket];

interface Subscribed {
  ms: number;
  bytes: number;
  candles: number;
  firstTime: number;
}

async function subscribe(socket: Socket, timeframe: Timeframe): Promise<Subscribed> {
  const started = performance.now();
  const ack = (await socket
    .timeout(120_000)
    .emitWithAck('subscribe', { symbol: values.symbol, timeframe })) as Ack<SubscribeResponse>;
  const ms = performance.now() - started;
  if (!ack.ok) fail(`subscribe ${timeframe}: ${ack.error.message}`, 1);
  const body = ack.data.body as Uint8Array;
  const result = await decodeSubscribeResponse(ack.data, async (b) => gunzipSync(b).toString('utf8'));
  return { ms, bytes: body.byteLength, candles: result.candles.length, firstTime: result.candles[0]!.time };
}

/** Heap in use after a collection (npm run bench:history passes --expose-gc; without it, roughly). */
const heapMb = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** The page a chart scrolled back past its first candle asks for, timed as a browser would wait for it. */
async function olderPage(timeframe: Timeframe, before: number) {
  const query = new URLSearchParams({
    symbol: values.symbol,
    timeframe,
    before: String(before),
    limit: '1000',
  });
  const started = performance.now();
  const res = await fetch(`${server.url}/api/candles?${query.toString()}`);
  const text = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) fail(`older candles ${timeframe}: ${res.status} ${text}`, 1);
  const candles = unpackCandles((JSON.parse(text) as CandlesResponse).candles);
  return { ms, bytes: Buffer.byteLength(text), candles: candles.length, firstTime: candles[0]?.time };
}

const rows: string[] = [];
const pageRows: string[] = [];
for (const timeframe of timeframes as Timeframe[]) {
  const heapBefore = heapMb();
  const cold = await subscribe(first, timeframe);
  const warm = await subscribe(second, timeframe);
  const heapGrowth = heapMb() - heapBefore;
  for (const socket of [first, second])
    await socket.emitWithAck('unsubscribe', { symbol: values.symbol, timeframe });
  const coldPage = await olderPage(timeframe, cold.firstTime);
  const cachedPage = await olderPage(timeframe, cold.firstTime);
  const reach =
    coldPage.firstTime === undefined ? '—' : new Date(coldPage.firstTime).toISOString().slice(0, 10);
  pageRows.push(
    `| ${timeframe} | ${coldPage.candles.toLocaleString('en')} | ${reach} | ${(coldPage.bytes / 1024).toFixed(1)} KB | ${coldPage.ms.toFixed(1)} ms | ${cachedPage.ms.toFixed(1)} ms |`,
  );
  rows.push(
    `| ${timeframe} | ${historyDepth(timeframe).toLocaleString('en')} | ${cold.candles.toLocaleString('en')} | ${new Date(cold.firstTime).toISOString().slice(0, 10)} | ${(cold.bytes / 1024).toFixed(1)} KB | ${cold.ms.toFixed(0)} ms | ${warm.ms.toFixed(1)} ms | ${heapGrowth.toFixed(1)} MB |`,
  );
}

console.log(
  `History depth on the replay (${values.symbol}, ${new Date().toISOString().slice(0, 10)}), node ${process.version}\n`,
);
console.log(
  '| timeframe | depth | candles in the snapshot | first candle | snapshot (gzip) | cold subscribe | warm subscribe | heap while open |',
);
console.log(
  '| --------: | ----: | ----------------------: | ------------ | --------------: | -------------: | -------------: | --------------: |',
);
for (const row of rows) console.log(row);

console.log('\nThe page of older candles before the snapshot (GET /api/candles?before=…&limit=1000)\n');
console.log('| timeframe | candles | first candle | JSON | cold | cached |');
console.log('| --------: | ------: | ------------ | ---: | ---: | -----: |');
for (const row of pageRows) console.log(row);

for (const socket of [first, second]) socket.disconnect();
await server.close();
await source.close();
