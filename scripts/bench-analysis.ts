/** Analysis benchmark; what it measures and how is in USAGE. */
import type { Candle } from '../shared/market.ts';
import { analyze } from '../server/src/analysis/analyze.ts';
import { computeIndicators } from '../server/src/analysis/batch-indicators.ts';
import { LiveIndicators } from '../server/src/analysis/live-indicators.ts';
import { Cached } from '../server/src/cache/cached.ts';
import { createMemoryCache } from '../server/src/cache/memory/memory-cache.ts';
import type { CacheStore } from '../server/src/cache/port.ts';
import { createRedisCache } from '../server/src/cache/redis/redis-cache.ts';
import { connectRedis } from '../server/src/kernel/redis/redis-clients.ts';
import { silentLogger } from '../server/src/kernel/logger.ts';
import type { MarketSource } from '../server/src/market/port.ts';
import { createReplaySource } from '../server/src/market/replay/replay-source.ts';
import { readRecordedCsv } from '../server/src/market/replay/recorded-candles.ts';
import { connectClients, percentile, startBenchApp } from './bench-support.ts';
import { fail, fileArg, intListArg, parseCli } from './cli.ts';

const DEFAULT_CSV = '../shared/data/market/BTC-USDT_1m.csv';
const BUNDLED_CSV = 'server/data/market/BTC-USDT_1m.csv.gz';
const DEFAULT_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const USAGE = `Usage: node --import tsx scripts/bench-analysis.ts [--redis URL] [--clients 1,100,1000] [--csv FILE]

Analysis benchmark: batch analysis cost, incremental per-tick cost, analysis cache reads (in memory
and on Redis), and upstream work and analysis computations against the number of clients (replay at
60x, 10 s per row). Prints markdown tables.

Options:
  --redis URL      Redis for the cache-read rows, skipped when none answers there (default
                   REDIS_URL, else redis://127.0.0.1:6379; ${process.env.REDIS_URL ? 'REDIS_URL is set now' : 'REDIS_URL is not set now'})
  --clients LIST   client counts, one table row each (default 1,100,1000)
  --csv FILE       recorded candles (timestamp,open,high,low,close,volume; .csv or .csv.gz)
                   (default ${DEFAULT_CSV},
                   else the bundled ${BUNDLED_CSV})
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    redis: { type: 'string', default: DEFAULT_REDIS },
    clients: { type: 'string', default: '1,100,1000' },
    csv: { type: 'string' },
  },
});
if (!/^rediss?:\/\//.test(values.redis)) fail('--redis must be a redis:// or rediss:// URL'); // not echoed: it may hold a password
const clientCounts = intListArg(values.clients, '--clients', { min: 1, max: 100_000 });
// A file named on the command line must exist; only the default falls back to the bundled one.
const csv = values.csv === undefined ? undefined : fileArg(values.csv, '--csv');

const time = (runs: number, f: () => void) => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  return samples;
};
const fmt = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

const candles: Candle[] = (
  csv
    ? await readRecordedCsv(csv).catch((err: Error) => fail(`--csv: ${err.message}`))
    : await readRecordedCsv(DEFAULT_CSV).catch(() => readRecordedCsv(BUNDLED_CSV))
).candles;
const options = {
  symbol: 'BTC/USDT',
  timeframe: '1m' as const,
  source: 'bench',
  pricePrecision: 2,
  now: Date.now(),
};
const rows: Array<[string, string]> = [];

// 1. Batch analysis.
for (const n of [1_000, 10_000]) {
  const window = candles.slice(-n);
  analyze(window, options);
  const s = time(n === 1_000 ? 50 : 10, () => analyze(window, options));
  rows.push([
    `full analysis, ${n.toLocaleString('en-US')} candles (p50 / p99)`,
    `${fmt(percentile(s, 50))} / ${fmt(percentile(s, 99))}`,
  ]);
}

// 2. Incremental per tick vs recomputing the indicator set over 1,000 candles.
const window = candles.slice(-1_000);
const batch = time(50, () => computeIndicators(window));
const live = new LiveIndicators(window);
const last = window.at(-1)!;
const ticks = time(20_000, () => live.update({ ...last, close: last.close + Math.random() }));
const batchP50 = percentile(batch, 50);
const tickMean = ticks.reduce((a, b) => a + b, 0) / ticks.length;
rows.push(['indicator set recomputed over 1,000 candles (p50)', fmt(batchP50)]);
rows.push([
  'incremental update on the forming candle (mean / p99)',
  `${fmt(tickMean)} / ${fmt(percentile(ticks, 99))}`,
]);
rows.push(['incremental vs batch', `${Math.round(batchP50 / tickMean)}× cheaper`]);

// 3. Cache reads of a cached analysis (the pushed form, and with the drawn series).
const analysis = analyze(window, options);
const { series: _series, ...pushed } = analysis;
async function reads(store: CacheStore, label: string) {
  const cached = new Cached(store, silentLogger);
  for (const [name, value] of [
    ['pushed form', pushed],
    ['with 1,000-candle series', analysis],
  ] as const) {
    const key = `bench:${label}:${name}:${Date.now()}`;
    await cached.load(key, 60_000, async () => value);
    const samples: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const t = performance.now();
      await cached.load(key, 60_000, async () => value);
      samples.push(performance.now() - t);
    }
    rows.push([
      `analysis read on a cache hit, ${label}, ${name} (p50 / p99)`,
      `${fmt(percentile(samples, 50))} / ${fmt(percentile(samples, 99))}`,
    ]);
  }
}
await reads(createMemoryCache(), 'memory');
try {
  const clients = connectRedis(values.redis, silentLogger);
  try {
    await clients.ready(1_000);
    const redis = createRedisCache(clients.command, 'trendscope-bench:');
    await redis.ping();
    await reads(redis, 'Redis on loopback');
  } finally {
    await clients.close();
  }
} catch {
  rows.push(['analysis read on a cache hit, Redis', `skipped: no Redis at ${values.redis}`]);
}

console.log(`\nAnalysis (technicalindicators batch, incremental live values), node ${process.version}\n`);
console.log('| measure | result |\n|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);

// 4. Upstream work and analysis computations against the number of clients, replay at 60× (a minute a second).
const scale: string[] = [];
for (const n of clientCounts) {
  const origin = Date.now();
  const clock = () => origin + (Date.now() - origin) * 60;
  const replay = await createReplaySource({ clock, tickMs: 50, logger: silentLogger });
  let watches = 0;
  let fetches = 0;
  const source: MarketSource = Object.assign(Object.create(replay) as MarketSource, {
    watchCandles: (...args: Parameters<MarketSource['watchCandles']>) => (
      watches++,
      replay.watchCandles(...args)
    ),
    fetchCandles: (...args: Parameters<MarketSource['fetchCandles']>) => (
      fetches++,
      replay.fetchCandles(...args)
    ),
  });
  const bench = await startBenchApp(source, clock);
  const { app } = bench;
  const sockets = await connectClients(bench.url, n);
  let events = 0;
  for (const s of sockets) s.on('analysis', () => events++);
  await Promise.all(
    sockets.map((s) =>
      s.timeout(60_000).emitWithAck('subscribe', { symbol: 'BTC/USDT', timeframe: '1m', limit: 100 }),
    ),
  );
  const analyses = async () =>
    (await app.metrics.analysisComputations.get()).values.reduce((sum, v) => sum + v.value, 0);
  const before = await analyses();
  const minuteBefore = Math.floor(clock() / 60_000);
  events = 0;
  await new Promise((r) => setTimeout(r, 10_000));
  const minutes = Math.floor(clock() / 60_000) - minuteBefore;
  const computed = (await analyses()) - before;
  scale.push(`| ${n} | ${watches} | ${fetches} | ${minutes} | ${computed} | ${(events / n).toFixed(1)} |`);
  for (const s of sockets) s.disconnect();
  await bench.close();
}
console.log(
  '\nUpstream work and analysis computations against clients (one stream, replay at 60×: a market minute per second, 10 s)\n',
);
console.log(
  '| clients | upstream feeds | upstream history fetches | market minutes | analyses computed | analysis events per client |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const line of scale) console.log(line);
process.exit(0);
