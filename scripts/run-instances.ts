/** Several TrendScope instances on one Redis and one PostgreSQL; what it shows and how is in USAGE. */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { fail, intArg, parseCli } from './cli.ts';
import { FakeBinance } from './fake-exchange/binance-server.ts';
import { buildIfStale, startTrendScope, UNLIMITED_ENV, type RunningServer } from './bench/servers.ts';
import { listCounts } from './bench/stats.ts';

const USAGE = `Usage: node --import tsx scripts/run-instances.ts [--instances 3] [--clients 10] [--seconds 75]
       [--redis redis://127.0.0.1:6379] [--pg postgres://postgres@127.0.0.1:5432/test]

Runs --instances compiled TrendScope instances (node dist/server/src/main.js, built first if stale) on
free ports, as the compose \`scale\` profile does: one Redis (a logical database that was empty, whose
trendscope:* keys are deleted at the end), one PostgreSQL (a scratch database created for the run
and dropped after), one SESSION_SECRET, MARKET_SOURCE=ccxt against one local fake Binance
(scripts/fake-exchange, WebSocket klines) on a free port. --clients sockets per instance subscribe to
BTC/USDT and ETH/USDT 1m and record every candle for --seconds (75 by default, so a minute closes).

Prints, per instance, whether every client received the same candles: each client's sequence against
one reference client's over the stretch both recorded, the updates both got in the same order, and
every candle that closed meanwhile closed at the same values. Ticks only one of the two got are
counted apart (a forming candle's tick may be skipped: it is volatile, and the next one carries it
all), as are repeats (a candle received twice running). Per stream: the upstream feeds the exchange
saw (WebSocket kline subscriptions: 1 each, whatever the number of instances), the instances that
published it to the others over Redis, and per instance the streams it feeds
(trendscope_upstream_requests_total{endpoint="ws:…"} of its /metrics). Exits 1 if a client's candles
differ or a stream has more than one feed.

Redis pub/sub channels are not per database: another TrendScope on the same Redis feeding the same
exchange's streams at the same time shares this run's feed channels, and its updates reach these
instances' clients. The script warns if one listens when it starts, and counts the publishers.

Options:
  --instances N   instances, 2-16 (default 3)
  --clients N     sockets per instance, 1-1000 (default 10)
  --seconds N     how long candles are recorded, 5-3600 (default 75)
  --redis URL     Redis server (default: REDIS_URL, else redis://127.0.0.1:6379)
  --pg URL        PostgreSQL database to connect to for creating the scratch one (default:
                  TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
  -h, --help      show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    instances: { type: 'string', default: '3' },
    clients: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '75' },
    redis: { type: 'string', default: process.env.REDIS_URL || 'redis://127.0.0.1:6379' },
    pg: {
      type: 'string',
      default: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const instanceCount = intArg(values.instances, '--instances', { min: 2, max: 16 });
const clientsPerInstance = intArg(values.clients, '--clients', { min: 1, max: 1000 });
const seconds = intArg(values.seconds, '--seconds', { min: 5, max: 3600 });
const redisUrl = urlArg(values.redis, '--redis', ['redis:', 'rediss:']);
const pgUrl = urlArg(values.pg, '--pg', ['postgres:', 'postgresql:']);

const SYMBOLS = ['BTC/USDT', 'ETH/USDT'];
const TIMEFRAME = '1m';

function urlArg(value: string | undefined, name: string, protocols: string[]): URL {
  try {
    const url = new URL(value ?? '');
    if (protocols.includes(url.protocol)) return url;
  } catch {
    // reported below
  }
  fail(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL, got '${value ?? ''}'`);
}

interface CandleLike {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

interface Client {
  instance: number;
  socket: Socket;
  /** Per symbol, every candle received, in order, as `time:open:high:low:close:volume`. */
  seen: Map<string, string[]>;
}

const say = (line: string) => process.stderr.write(`[run-instances] ${line}\n`);
const candleText = (c: CandleLike) => `${c.time}:${c.open}:${c.high}:${c.low}:${c.close}:${c.volume}`;
const timeOf = (text: string) => Number(text.slice(0, text.indexOf(':')));

/** A logical database of `url` with no keys, so that this run's keys are the only ones in it. */
async function emptyRedisDatabase(url: URL): Promise<{ url: URL; clean(): Promise<number> }> {
  const redis = new Redis(url.href, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((err: Error) => fail(`no Redis at ${url.host}: ${err.message}`, 1));
  const databases = Number((await redis.config('GET', 'databases'))[1] ?? 16);
  for (let db = databases - 1; db >= 1; db--) {
    await redis.select(db);
    if ((await redis.dbsize()) > 0) continue;
    const chosen = new URL(url.href);
    chosen.pathname = `/${db}`;
    return {
      url: chosen,
      async clean() {
        await redis.select(db);
        let deleted = 0;
        for await (const keys of redis.scanStream({ match: 'trendscope:*', count: 500 }) as AsyncIterable<
          string[]
        >)
          if (keys.length > 0) deleted += await redis.del(...keys);
        redis.disconnect();
        return deleted;
      },
    };
  }
  redis.disconnect();
  fail(`every Redis database of ${url.host} but 0 holds keys; free one, or point --redis elsewhere`, 1);
}

/**
 * The channel an instance leading a stream publishes its updates on (shared-feed-source.ts, with its
 * default key prefix). Listening to it tells how many instances fed each stream, and whether another
 * TrendScope on this Redis shares it: pub/sub channels are the same in every logical database.
 */
const feedChannel = (symbol: string) => `trendscope:feed:binance:${symbol}:${TIMEFRAME}`;

async function watchFeedChannels(url: URL) {
  const redis = new Redis(url.href, { maxRetriesPerRequest: 1 });
  const busy = await redis.pubsub('NUMSUB', ...SYMBOLS.map(feedChannel));
  const alreadyListened = SYMBOLS.filter((_, i) => Number((busy as unknown[])[2 * i + 1]) > 0);
  const publishers = new Map(SYMBOLS.map((s) => [s, new Set<string>()]));
  redis.on('message', (channel: string, text: string) => {
    const symbol = SYMBOLS.find((s) => feedChannel(s) === channel);
    const from = (JSON.parse(text) as { from?: string }).from;
    if (symbol && from) publishers.get(symbol)!.add(from);
  });
  await redis.subscribe(...SYMBOLS.map(feedChannel));
  return { alreadyListened, publishers, close: () => redis.disconnect() };
}

/** A database created for this run on the server of `url`, dropped by `drop()`. */
async function scratchDatabase(url: URL): Promise<{ url: URL; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: url.href });
  await admin.connect().catch((err: Error) => fail(`no PostgreSQL at ${url.host}: ${err.message}`, 1));
  const name = `trendscope_instances_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const scratch = new URL(url.href);
  scratch.pathname = `/${name}`;
  return {
    url: scratch,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function connectClient(instance: number, url: string): Promise<Client> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  const client: Client = { instance, socket, seen: new Map(SYMBOLS.map((s) => [s, []])) };
  socket.on('candle', (event: { symbol: string; candle: CandleLike }) =>
    client.seen.get(event.symbol)?.push(candleText(event.candle)),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  for (const symbol of SYMBOLS) {
    const ack = (await socket
      .timeout(60_000)
      .emitWithAck('subscribe', { symbol, timeframe: TIMEFRAME, limit: 50 })) as {
      ok: boolean;
      error?: unknown;
    };
    if (!ack.ok)
      throw new Error(`subscribe ${symbol} on instance ${instance + 1}: ${JSON.stringify(ack.error)}`);
  }
  return client;
}

/** `sequence` without an update that repeats the one before it, and how many such repeats there were. */
function withoutRepeats(sequence: string[]): { updates: string[]; repeats: number } {
  const updates = sequence.filter((c, i) => i === 0 || c !== sequence[i - 1]);
  return { updates, repeats: sequence.length - updates.length };
}

/**
 * `mine` against `reference` over the stretch both recorded (from the first candle both received to the
 * last): whether the updates both received came in the same order, and how many only one of the two
 * received (a tick is volatile: a client whose connection is busy skips it and heals with the next).
 */
function compare(mine: string[], reference: string[]): { sameOrder: boolean; onlyOne: number } {
  const inReference = new Set(reference);
  const inMine = new Set(mine);
  const first = mine.findIndex((c) => inReference.has(c));
  const last = mine.findLastIndex((c) => inReference.has(c));
  if (first < 0) return { sameOrder: false, onlyOne: mine.length + reference.length };
  const ours = mine.slice(first, last + 1);
  const theirs = reference.slice(reference.indexOf(mine[first]!), reference.lastIndexOf(mine[last]!) + 1);
  const shared = (sequence: string[], other: Set<string>) => sequence.filter((c) => other.has(c));
  const oursShared = shared(ours, inReference);
  const theirsShared = shared(theirs, inMine);
  return {
    sameOrder: oursShared.length === theirsShared.length && oursShared.every((c, i) => c === theirsShared[i]),
    onlyOne: ours.length - oursShared.length + (theirs.length - theirsShared.length),
  };
}

/** Per open time, the last state of every candle older than the newest one: what it closed at. */
function closedCandles(sequence: string[]): Map<number, string> {
  const newest = Math.max(...sequence.map(timeOf));
  const closed = new Map<number, string>();
  for (const item of sequence) if (timeOf(item) < newest) closed.set(timeOf(item), item);
  return closed;
}

/** Whether every candle both saw close closed the same. */
function sameClosed(mine: string[], reference: string[]): boolean {
  const theirs = closedCandles(reference);
  return [...closedCandles(mine)].every(([time, c]) => !theirs.has(time) || theirs.get(time) === c);
}

/** Per instance: the streams it feeds upstream (WebSocket subscriptions it made), from /metrics. */
async function feedsLed(server: RunningServer): Promise<number> {
  const text = await fetch(`${server.url}/metrics`).then((r) => r.text());
  let total = 0;
  for (const match of text.matchAll(
    /^trendscope_upstream_requests_total\{[^}]*endpoint="ws:[^"]*"[^}]*\} (\d+)/gm,
  ))
    total += Number(match[1]);
  return total;
}

buildIfStale();
const redis = await emptyRedisDatabase(redisUrl);
const database = await scratchDatabase(pgUrl);
const fake = await FakeBinance.start({ port: 0, webSocket: true });
const channels = await watchFeedChannels(redis.url);
if (channels.alreadyListened.length > 0)
  say(
    `warning: another TrendScope on this Redis already listens to the feed of ${channels.alreadyListened.join(', ')}; its updates would mix with this run's`,
  );
const servers: RunningServer[] = [];
const clients: Client[] = [];
let exitCode = 0;
try {
  say(
    `Redis ${redis.url.href}, PostgreSQL database ${database.url.pathname.slice(1)}, fake Binance ${fake.url}`,
  );
  const env = {
    ...UNLIMITED_ENV,
    MARKET_SOURCE: 'ccxt',
    EXCHANGE: 'binance',
    EXCHANGE_API_URL: fake.url,
    SYMBOLS: SYMBOLS.join(','),
    REDIS_URL: redis.url.href,
    DATABASE_URL: database.url.href,
    SESSION_SECRET: randomBytes(48).toString('base64'),
  };
  const start = (i: number) => startTrendScope({ env, forwardLogs: `[instance ${i + 1}] ` });
  // The first alone migrates the new database; the others find it ready.
  servers.push(await start(0));
  servers.push(...(await Promise.all(Array.from({ length: instanceCount - 1 }, (_, i) => start(i + 1)))));
  say(`instances on ${servers.map((s) => s.url).join(', ')}`);
  for (const [i, server] of servers.entries())
    clients.push(
      ...(await Promise.all(Array.from({ length: clientsPerInstance }, () => connectClient(i, server.url)))),
    );
  say(`${clients.length} clients subscribed to ${SYMBOLS.join(', ')}; recording candles for ${seconds} s`);
  await sleep(seconds * 1000);
  for (const client of clients) client.socket.disconnect();

  const reference = clients[0]!;
  let allSame = true;
  console.log(
    `\n${instanceCount} instances × ${clientsPerInstance} clients, ${SYMBOLS.join(' and ')} ${TIMEFRAME} from the fake Binance over Redis, ${seconds} s; reference: client 1 of instance 1\n`,
  );
  console.log(
    '| instance | clients | candles received per client | updates both got, in the same order as the reference | ticks only one of the two got (skipped) | closed candles identical | repeats (a candle sent twice running) | streams it feeds upstream |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [i, server] of servers.entries()) {
    const own = clients.filter((c) => c.instance === i);
    const received = own.map((c) => [...c.seen.values()].reduce((n, s) => n + s.length, 0));
    let same = 0;
    let closedSame = 0;
    let missed = 0;
    let repeats = 0;
    for (const client of own) {
      const checks = SYMBOLS.map((symbol) => {
        // A candle sent twice running (a last tick, then the same values as the close) tells nothing
        // new: counted apart, and left out of the comparison.
        const mine = withoutRepeats(client.seen.get(symbol)!);
        const theirs = withoutRepeats(reference.seen.get(symbol)!).updates;
        repeats += mine.repeats;
        return { ...compare(mine.updates, theirs), closed: sameClosed(mine.updates, theirs) };
      });
      if (checks.every((c) => c.sameOrder)) same++;
      if (checks.every((c) => c.closed)) closedSame++;
      missed += checks.reduce((n, c) => n + c.onlyOne, 0);
    }
    allSame &&= same === own.length && closedSame === own.length;
    console.log(
      `| ${i + 1} | ${own.length} | ${Math.min(...received)}–${Math.max(...received)} | ${same} of ${own.length} | ${missed} | ${closedSame} of ${own.length} | ${repeats} | ${await feedsLed(server)} |`,
    );
  }

  console.log(
    '\n| stream | WebSocket kline subscriptions at the exchange | instances publishing it over Redis | REST klines requests (history) |',
  );
  console.log('|---|---:|---:|---:|');
  let oneFeedEach = true;
  for (const symbol of SYMBOLS) {
    const id = symbol.replace('/', '');
    const feeds = fake.subscriptions.get(`${id.toLowerCase()}@kline_${TIMEFRAME}`) ?? 0;
    const history = fake.log.filter(
      (r) => r.path === '/api/v3/klines' && new URLSearchParams(r.query).get('symbol') === id,
    ).length;
    const publishers = channels.publishers.get(symbol)!.size;
    oneFeedEach &&= feeds === 1 && publishers === 1;
    console.log(`| ${symbol} ${TIMEFRAME} | ${feeds} | ${publishers} | ${history} |`);
  }
  if ([...channels.publishers.values()].some((p) => p.size > 1))
    console.log(
      '\nMore than one instance published a stream: the lease moved, or another TrendScope on this Redis (pub/sub channels ignore the database number) fed the same stream, and its updates reached these instances.',
    );
  const otherPaths = Object.fromEntries([...fake.requests].filter(([path]) => path !== '/api/v3/klines'));
  console.log(`\nother requests to the exchange: ${listCounts(otherPaths)}`);
  console.log(
    `every client of every instance got the same candles: ${allSame ? 'yes' : 'no'}; one upstream feed per stream: ${oneFeedEach ? 'yes' : 'no'}`,
  );
  if (!allSame || !oneFeedEach) exitCode = 1;
} finally {
  for (const client of clients) client.socket.disconnect();
  await Promise.all(servers.map((s) => s.stop()));
  await fake.close();
  channels.close();
  const deleted = await redis
    .clean()
    .catch((err: Error) => (say(`Redis clean-up failed: ${err.message}`), 0));
  say(`deleted ${deleted} Redis keys from ${redis.url.href}`);
  await database.drop().catch((err: Error) => say(`dropping the scratch database failed: ${err.message}`));
}
process.exit(exitCode);
