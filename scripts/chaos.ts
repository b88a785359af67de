/** Chaos runner: TrendScope's dependencies killed one at a time under load; what it does is in USAGE. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { auditCandles, auditChat, redChecks, storeOf, type Window } from './chaos/checks.ts';
import { CandleClient, ChatProbes, ChatUser, HttpProber, type Stream } from './chaos/load.ts';
import { freePorts, killAll, run } from './chaos/processes.ts';
import { notes, quietSilences, table, type FaultResult } from './chaos/report.ts';
import { ExchangeServer, Instance, PostgresServer, RedisServer } from './chaos/services.ts';
import { fail, intArg, parseCli } from './cli.ts';

const FAULTS = ['redis', 'postgres', 'instance', 'exchange'] as const;
type FaultName = (typeof FAULTS)[number];

const USAGE = `Usage: node --import tsx scripts/chaos.ts [--faults ${FAULTS.join(',')}] [--down-seconds 15]
                                     [--settle-seconds 20] [--clients 100] [--keep]

Starts its own stack on free ports (a redis-server, a throwaway PostgreSQL cluster made with initdb,
the local Binance, two compiled TrendScope instances on ccxt sharing them; never the machine's own
Redis or PostgreSQL), puts it under load and breaks one thing at a time:

  redis      redis-server killed (SIGKILL), started again empty after --down-seconds
  postgres   PostgreSQL stopped with pg_ctl -m immediate (a crash), started again
  instance   one instance killed (SIGKILL), started again; its sockets reconnect to it
  exchange   the local Binance killed (SIGKILL), started again on the same port

The load: --clients sockets per instance, each watching two of BTC/USDT, ETH/USDT and SOL/USDT 1m
and resubscribing with \`since\` after every reconnect; 3 signed-in users per instance asking chat
questions with a clientId every 4 s, retrying unacknowledged ones with the same id (and 3 more per
instance that ask only to check that chat answers); /healthz and /api/candles probed on both
instances 4 times a second from a thread of their own.

For each fault one table row (markdown, on stdout):
  time to recover        from the restart until every check is green: /readyz ready with nothing
                         degraded on both; candles flowing on every stream of every socket (one in
                         the last 5 s, received since the fault began); a chat question asked after
                         the restart answered on both
  candles missing        closed 1m candles a socket never received, against the exchange's own
  acked chat lost        acknowledged questions and answers not in the database at the end
  stored twice           questions stored again, answers without their question's chat_sends row
  5xx seen               answers >= 500 to the probes, from the fault's start to the next fault's
  max /healthz latency   the slowest answer to a /healthz probe, from the fault's start until
                         recovered (an instance that is down is not answering, not slow)
Below the table, per fault: what clients were told instead of an answer, chat answers that came
after the client had given up (5 s), error lines the instances logged, and any stream that went
quiet for more than 3 s on a socket while nothing was down. Exits 1 when a candle is missing or
wrong, an acknowledged message lost or stored twice, a 5xx seen, a fault never recovered from or an
instance crashed.

Options:
  --faults <list>          comma-separated, in order (default ${FAULTS.join(',')})
  --down-seconds <n>       how long each part stays down (default 15)
  --settle-seconds <n>     quiet time after each recovery, before the next fault (default 20)
  --clients <n>            candle sockets per instance (default 100)
  --keep                   keep the temporary folder (logs of every process) and print its path
  -h, --help               show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    faults: { type: 'string', default: FAULTS.join(',') },
    'down-seconds': { type: 'string', default: '15' },
    'settle-seconds': { type: 'string', default: '20' },
    clients: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
  },
});
const faults = values.faults.split(',').map((f) => f.trim());
for (const f of faults)
  if (!(FAULTS as readonly string[]).includes(f))
    fail(`--faults: unknown fault '${f}' (one of ${FAULTS.join(', ')})`);
const DOWN_S = intArg(values['down-seconds'], '--down-seconds', { min: 1, max: 600 });
const SETTLE_S = intArg(values['settle-seconds'], '--settle-seconds', { min: 0, max: 600 });
const CLIENTS = intArg(values.clients, '--clients', { min: 1, max: 2000 });

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STREAMS: Stream[] = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'].map((symbol) => ({ symbol, timeframe: '1m' }));
const CHAT_USERS_PER_INSTANCE = 3;
const RECOVERY_TIMEOUT_MS = 120_000;

const began = Date.now();
const progress = (message: string) =>
  process.stderr.write(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);

const tmp = mkdtempSync(join(tmpdir(), 'trendscope-chaos-'));
const pgDir = mkdtempSync(join(tmpdir(), 'trendscope-chaos-pg-'));
let postgres: PostgresServer | undefined;
const clients: CandleClient[] = [];
const users: ChatUser[] = [];
const probeUsers: ChatUser[] = [];
let prober: HttpProber | undefined;

let cleaning: Promise<void> | undefined;
/** Stops everything this run started (and only that), then removes its folders. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of clients) c.stop();
    const stopping = [prober?.stop(), ...[...users, ...probeUsers].map((u) => u.stop())];
    await Promise.race([Promise.all(stopping), sleep(10_000)]);
    await killAll();
    postgres?.stopQuietly();
    rmSync(pgDir, { recursive: true, force: true });
    if (values.keep) progress(`logs kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => {
    progress(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });

async function main(): Promise<void> {
  progress('building (node scripts/build.mjs --if-stale)');
  run(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT });

  const [redisPort, pgPort, exchangePort, portA, portB] = await freePorts(5);
  const redis = new RedisServer(redisPort!, join(tmp, 'redis.log'));
  postgres = new PostgresServer(pgPort!, pgDir);
  const exchange = new ExchangeServer(exchangePort!, ROOT, join(tmp, 'exchange.log'));
  progress(`starting redis :${redisPort}, postgres :${pgPort}, exchange :${exchangePort}`);
  postgres.init();
  await Promise.all([redis.start(), postgres.start(), exchange.start()]);

  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmp,
    MARKET_SOURCE: 'ccxt',
    EXCHANGE: 'binance',
    EXCHANGE_API_URL: exchange.url,
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url,
    SESSION_SECRET: randomBytes(36).toString('base64'),
    LOG_LEVEL: 'warn',
    // Every client of this run is 127.0.0.1: the per-address limits would count them all as one.
    SOCKET_EVENTS_PER_ADDRESS: '1000000',
    HTTP_REQUESTS_PER_MINUTE: '0',
  };
  const instances = (['a', 'b'] as const).map((name, i) => {
    const dataDir = join(tmp, `data-${name}`);
    mkdirSync(dataDir);
    return new Instance(
      name,
      [portA!, portB!][i]!,
      ROOT,
      { ...env, DATA_DIR: dataDir },
      join(tmp, `${name}.log`),
    );
  });
  progress(`starting instances a :${portA} and b :${portB}`);
  await Promise.all(instances.map((i) => i.start()));

  const runTag = randomBytes(3).toString('hex');
  for (const [n, instance] of instances.entries()) {
    for (let k = 0; k < CHAT_USERS_PER_INSTANCE; k++) {
      const user = new ChatUser(n * CHAT_USERS_PER_INSTANCE + k, instance.url);
      await user.register(runTag);
      users.push(user);
      const probe = new ChatUser(100 + n * CHAT_USERS_PER_INSTANCE + k, instance.url);
      await probe.register(runTag);
      probeUsers.push(probe);
    }
    for (let k = 0; k < CLIENTS; k++)
      clients.push(new CandleClient(instance.name, instance.url, [STREAMS[k % 3]!, STREAMS[(k + 1) % 3]!]));
  }
  const loadFrom = Date.now();
  progress(`load: ${clients.length} sockets, ${users.length} chat users, HTTP probes`);
  prober = new HttpProber(instances);
  prober.start();
  for (const c of clients) c.start();
  for (const u of users) u.start(true);
  for (const u of probeUsers) u.start(false);
  const probes = new ChatProbes(probeUsers);

  const waitGreen = async (faultAt: number, restartAt: number, timeoutMs: number) => {
    let red: string[] = [];
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(200)) {
      const now = await redChecks(faultAt, restartAt, instances, clients, probes);
      // What is still red, each time it changes: the order in which the parts come back.
      if (now.join() !== red.join() && now.length) progress(`  red: ${now.join('; ')}`);
      red = now;
      if (red.length === 0) return { at: Date.now(), red };
    }
    return { at: undefined, red };
  };
  const baseline = await waitGreen(loadFrom, loadFrom, RECOVERY_TIMEOUT_MS);
  if (!baseline.at) throw new Error(`never green before the first fault: ${baseline.red.join('; ')}`);
  progress(`all green after ${((baseline.at - loadFrom) / 1000).toFixed(1)} s of load`);

  const [, b] = instances as [Instance, Instance];
  const pg = postgres;
  const actions: Record<
    FaultName,
    { label: string; down(): Promise<void>; up(): Promise<void>; instance?: string }
  > = {
    redis: { label: 'Redis killed (SIGKILL)', down: () => redis.kill(), up: () => redis.start() },
    postgres: {
      label: 'PostgreSQL crashed (immediate stop)',
      down: () => pg.kill(),
      up: () => pg.start(),
    },
    instance: {
      label: 'instance b killed (SIGKILL)',
      down: () => b.kill(),
      up: () => b.start(),
      instance: 'b',
    },
    exchange: { label: 'exchange killed (SIGKILL)', down: () => exchange.kill(), up: () => exchange.start() },
  };

  const results: FaultResult[] = [];
  for (const name of faults as FaultName[]) {
    const action = actions[name];
    const ready = await waitGreen(loadFrom, loadFrom, RECOVERY_TIMEOUT_MS);
    if (!ready.at) progress(`still red before ${name}: ${ready.red.join('; ')}`);
    const startedAt = Date.now();
    progress(`${action.label}; down for ${DOWN_S} s`);
    await action.down();
    await sleep(DOWN_S * 1000);
    const restartedAt = Date.now();
    await action.up();
    progress(`${name} restarted; waiting for every check to be green`);
    const recovered = await waitGreen(startedAt, restartedAt, RECOVERY_TIMEOUT_MS);
    progress(
      recovered.at
        ? `recovered ${((recovered.at - restartedAt) / 1000).toFixed(1)} s after the restart; settling ${SETTLE_S} s`
        : `NOT recovered in ${RECOVERY_TIMEOUT_MS / 1000} s: ${recovered.red.join('; ')}`,
    );
    await sleep(SETTLE_S * 1000);
    // From this fault's start to the next one's: what happened meanwhile is charged to it.
    const previous = results.at(-1);
    if (previous) previous.window.to = startedAt;
    const window: Window = {
      name: `${results.length + 1} ${name}`,
      from: startedAt,
      to: Number.POSITIVE_INFINITY,
    };
    results.push({
      window,
      label: action.label,
      downSeconds: DOWN_S,
      startedAt,
      restartedAt,
      recoveredAt: recovered.at,
      stillRed: recovered.red,
      downInstance: action.instance,
    });
  }

  progress('stopping the load; auditing candles against the exchange and chat against the database');
  await Promise.all([prober.stop(), ...[...users, ...probeUsers].map((u) => u.stop())]);
  const until = Date.now() - 5_000;
  for (const c of clients) c.stop();
  const stores = await Promise.all(instances.map((i) => storeOf(i.url, STREAMS).catch(() => undefined)));
  const windows = results.map((r) => r.window);
  // A candle is charged by its minute: the one forming when a fault began is that fault's.
  const minute = (t: number) => Math.floor(t / 60_000) * 60_000;
  const candleWindows = windows.map((w) => ({ ...w, from: minute(w.from), to: minute(w.to) }));
  const holders = [
    ...clients.map((c) => ({ label: `sockets on ${c.instance}`, series: c.series })),
    ...instances.map((i, n) => ({ label: `store of ${i.name}`, series: stores[n] })),
  ];
  const candleAudit = await auditCandles(exchange.url, holders, STREAMS, candleWindows, loadFrom, until);
  const chatAudit = await auditChat(postgres.url, [...users, ...probeUsers], windows);
  const acked = [...users, ...probeUsers].flatMap((u) => u.acked);

  console.log(
    `Chaos run ${new Date(began).toISOString().slice(0, 16)}Z, node ${process.version}: 2 instances (ccxt on the local Binance, ` +
      `Redis, PostgreSQL), ${CLIENTS} sockets per instance on ${STREAMS.length} 1m streams, ` +
      `${users.length} chat users (+${probeUsers.length} probing), down ${DOWN_S} s, settle ${SETTLE_S} s\n`,
  );
  console.log(table(results, prober.samples, candleAudit, chatAudit, acked));
  console.log('');
  const logs = instances.map((i) => ({ name: i.name, file: join(tmp, `${i.name}.log`) }));
  const chatErrors = users.flatMap((u) => u.errors);
  const probeErrors = probeUsers.flatMap((u) => u.errors);
  const subscribeErrors = clients.flatMap((c) => c.errors);
  const failures = {
    'chat attempts unanswered': chatErrors,
    'chat probes unanswered': probeErrors,
    'late chat answers': [...users, ...probeUsers].flatMap((u) => u.late),
    'subscribes failed': subscribeErrors,
  };
  for (const line of notes(results, prober.samples, failures, acked, logs)) console.log(line);
  const quiet = [
    { from: baseline.at, to: results[0]?.startedAt ?? Date.now() },
    ...results.map((r, i) => ({ from: r.recoveredAt ?? Infinity, to: results[i + 1]?.startedAt ?? until })),
  ];
  const silences = quietSilences(clients, quiet);
  if (silences) console.log(`- ${silences}`);
  const before = candleAudit.missing.get('before the faults') ?? 0;
  if (before) console.log(`- before the first fault: ${before} candles missing`);
  for (const [example, n] of candleAudit.examples)
    console.log(`- candle: ${example}${n > 1 ? ` ×${n}` : ''}`);
  for (const example of chatAudit.examples) console.log(`- chat: ${example}`);
  if (values.keep)
    writeFileSync(join(tmp, 'samples.json'), JSON.stringify({ samples: prober.samples, acked, results }));
  const crashes = instances.flatMap((i) => i.crashes);
  for (const crash of crashes) console.log(`- CRASH: ${crash}`);
  console.log(
    `- ${acked.length} questions acknowledged in all, ${((Date.now() - began) / 1000).toFixed(0)} s run`,
  );
  // Exit 1 when something was lost, doubled, refused with a 5xx, never recovered or crashed.
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const broken = [
    sum(candleAudit.missing) + sum(candleAudit.wrong) && 'candles missing or wrong',
    sum(chatAudit.lost) && 'acknowledged chat lost',
    sum(chatAudit.twice) && 'chat stored twice',
    prober.samples.some((x) => x.status >= 500) && '5xx',
    results.some((r) => !r.recoveredAt) && 'not recovered',
    crashes.length && 'crash',
  ].filter(Boolean);
  if (broken.length) {
    console.log(`- FAILED: ${broken.join(', ')}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (err) {
  progress(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
process.exit();
