/** Chat benchmark, offline; what it measures and how is in USAGE. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ChatIntent } from '../shared/chat-answer.ts';
import type { ChatSendResult, MessagesResponse } from '../shared/chat.ts';
import type { Ack } from '../shared/errors.ts';
import { listMessages } from '../server/src/chat/chat-repository.ts';
import { openDatabase, type DatabaseHandle } from '../server/src/db/database.ts';
import { silentLogger } from '../server/src/kernel/logger.ts';
import { createReplaySource } from '../server/src/market/replay/replay-source.ts';
import { percentile, startBenchApp, type BenchApp } from './bench-support.ts';
import { fail, intArg, parseCli } from './cli.ts';

const DEFAULT_PG = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || '';

const USAGE = `Usage: node --import tsx scripts/bench-chat.ts [--questions 500] [--pages 300] [--pg URL]

Chat benchmark, offline: answer latency of chat:send through a real socket (replay source, PGlite:
store the question, answer from live data, store the answer, ack), and the first page of a
1,000-message conversation over HTTP on PGlite and on PostgreSQL. Prints a markdown table.

The PostgreSQL rows migrate that database like \`npm start\` would, write under a throw-away user, and
delete it after; they are skipped when no URL is given.

Options:
  --questions N    chat questions timed after the warm-up, 1-100000 (default 500)
  --pages N        first-page fetches timed per database, 1-100000 (default 300)
  --pg URL         PostgreSQL for the history rows, postgres://... (default DATABASE_URL, else
                   TEST_DATABASE_URL, else none; ${DEFAULT_PG ? 'one is set now' : 'neither is set now'})
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    questions: { type: 'string', default: '500' },
    pages: { type: 'string', default: '300' },
    pg: { type: 'string', default: DEFAULT_PG },
  },
});
const QUESTIONS = intArg(values.questions, '--questions', { min: 1, max: 100_000 });
const PAGES = intArg(values.pages, '--pages', { min: 1, max: 100_000 });
if (values.pg && !/^postgres(ql)?:\/\//.test(values.pg))
  fail('--pg must be a postgres:// or postgresql:// URL'); // not echoed: it may hold a password
const HISTORY = 1_000;

/** Every intent, over every symbol and several timeframes; follow-ups lean on the conversation. */
const ASKED: string[] = [
  'What is the price of {S}?',
  'How much did {S} move in the last 24h?',
  'Is {S} trending up on 1h?',
  "What's the RSI of {S} on 15m?",
  'MACD for {S} on 4h',
  'Forecast for {S} on 1h',
  'How risky is {S} right now?',
  'Support and resistance of {S} on 1h',
  'Compare {S} and ETH',
  'What is a Bollinger band?',
  'and on 5m?',
  'what about SOL?',
  'help',
  'tell me a joke',
  'Is {S} overbought on 4h?',
  'volume of {S}',
  '{S} high and low today',
  'the last 5 candles of {S}',
  'which coin is strongest today?',
  'waht is teh macd of bitcon',
  'price of {S} in EUR',
  'alert me when {S} goes above 100000',
];
const SYMBOLS = ['BTC', 'ETH', 'BNB', 'SOL'];

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: `bench_${randomUUID().slice(0, 8)}`, password: 'bench password 123' }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

function connect(url: string, cookie: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function ask(socket: Socket, conversationId: string | undefined, text: string) {
  const start = performance.now();
  const ack = (await socket
    .timeout(30_000)
    .emitWithAck('chat:send', { conversationId, text })) as Ack<ChatSendResult>;
  if (!ack.ok) throw new Error(`chat:send: ${ack.error.code} ${ack.error.message}`);
  return { ms: performance.now() - start, result: ack.data };
}

async function chatLatency(bench: BenchApp) {
  const cookie = await signIn(bench.url);
  const socket = await connect(bench.url, cookie);
  // Warm-up: each stream's first analysis and forecast of the minute are computed, then cached.
  for (const s of SYMBOLS) for (const q of ASKED) await ask(socket, undefined, q.replace('{S}', s));
  const all: number[] = [];
  const byIntent = new Map<ChatIntent, number[]>();
  let conversationId: string | undefined;
  for (let i = 0; i < QUESTIONS; i++) {
    const text = ASKED[i % ASKED.length]!.replace(
      '{S}',
      SYMBOLS[Math.floor(i / ASKED.length) % SYMBOLS.length]!,
    );
    // A new conversation every few questions: both the first question (a new row) and follow-ups.
    if (i % 7 === 0) conversationId = undefined;
    const { ms, result } = await ask(socket, conversationId, text);
    conversationId = result.conversationId;
    all.push(ms);
    const intent = result.message.payload?.intent ?? 'unknown';
    byIntent.set(intent, [...(byIntent.get(intent) ?? []), ms]);
  }
  socket.disconnect();
  return { all, byIntent };
}

/** A conversation of 1,000 messages, then its newest page fetched over HTTP, as the client does. */
async function historyLatency(bench: BenchApp, database: DatabaseHandle) {
  const cookie = await signIn(bench.url);
  const me = (await (await fetch(`${bench.url}/api/me`, { headers: { cookie } })).json()) as {
    user: { id: string };
  };
  const conversation = await database.db
    .insertInto('conversations')
    .values({ user_id: me.user.id, title: 'bench history' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = Array.from({ length: HISTORY }, (_, i) => ({
    conversation_id: conversation.id,
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    text: `message ${i}`,
    payload:
      i % 2 === 0 ? null : JSON.stringify({ intent: 'price', figures: [], context: {}, phrasedBy: 'engine' }),
  }));
  for (let i = 0; i < rows.length; i += 250)
    await database.db
      .insertInto('messages')
      .values(rows.slice(i, i + 250))
      .execute();

  const path = `${bench.url}/api/conversations/${conversation.id}/messages`;
  const http: number[] = [];
  const query: number[] = [];
  for (let i = 0; i < PAGES + 20; i++) {
    let start = performance.now();
    const res = await fetch(path, { headers: { cookie } });
    const page = (await res.json()) as MessagesResponse;
    if (i >= 20) http.push(performance.now() - start);
    if (page.messages.length !== 50 || page.messages.at(-1)!.text !== `message ${HISTORY - 1}`)
      throw new Error('unexpected first page');
    start = performance.now();
    await listMessages(database.db, me.user.id, conversation.id, { limit: 50 });
    if (i >= 20) query.push(performance.now() - start);
  }
  await database.db.deleteFrom('users').where('id', '=', me.user.id).execute();
  return { http, query };
}

const fmt = (xs: number[]) =>
  `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)} / ${percentile(xs, 99).toFixed(1)}`;
const replay = () => createReplaySource({ clock: Date.now, tickMs: 1000, logger: silentLogger });

const dataDir = await mkdtemp(join(tmpdir(), 'trendscope-bench-chat-'));
const embedded = await openDatabase({ dataDir, logger: silentLogger });
// The allowances of questions and events are lifted: this measures answers, not the rate limiters.
const UNLIMITED = {
  questionsPerMinute: 1_000_000,
  eventLimits: { perSocket: 1_000_000, perIp: 1_000_000, windowSeconds: 10 },
};
const offline = await startBenchApp(await replay(), undefined, embedded, UNLIMITED);
const chat = await chatLatency(offline);
const rows: Array<[string, string, string]> = [
  [`chat:send → ack, all ${QUESTIONS} questions (PGlite)`, fmt(chat.all), '≤ 50 ms p95'],
];
for (const [intent, xs] of [...chat.byIntent].sort()) rows.push([`  ${intent} (${xs.length})`, fmt(xs), '']);
const pglite = await historyLatency(offline, embedded);
rows.push([`first page of ${HISTORY.toLocaleString('en-US')} messages, HTTP (PGlite)`, fmt(pglite.http), '']);
rows.push(['  its query alone (PGlite)', fmt(pglite.query), '']);
await offline.close();
await rm(dataDir, { recursive: true, force: true });

if (values.pg) {
  const database = await openDatabase({ url: values.pg, dataDir: '', logger: silentLogger });
  const bench = await startBenchApp(await replay(), undefined, database, UNLIMITED);
  const pg = await historyLatency(bench, database);
  rows.push([
    `first page of ${HISTORY.toLocaleString('en-US')} messages, HTTP (PostgreSQL)`,
    fmt(pg.http),
    '≤ 20 ms',
  ]);
  rows.push(['  its query alone (PostgreSQL)', fmt(pg.query), '']);
  await bench.close();
} else {
  rows.push(['first page on PostgreSQL', 'skipped: set --pg, DATABASE_URL or TEST_DATABASE_URL', '≤ 20 ms']);
}

console.log(
  `\nChat, offline (replay source, no LLM), node ${process.version}; one client, one request at a time\n`,
);
console.log('| measure | p50 / p95 / p99 (ms) | target |\n|---|---:|---|');
for (const [k, v, target] of rows) console.log(`| ${k} | ${v} | ${target} |`);
process.exit(0);
