/**
 * What "recovered" and "nothing lost" mean for a chaos run, checked against the instances, the
 * exchange's own candles and the database.
 */
import pg from 'pg';
import type { CandlesResponse } from '../../shared/http.ts';
import type { Candle } from '../../shared/market.ts';
import { unpackCandles } from '../../shared/snapshot.ts';
import { keyOf, type CandleClient, type ChatProbes, type ChatUser, type Stream } from './load.ts';

const MINUTE = 60_000;

export interface Instances {
  name: string;
  url: string;
}

/** A socket's stream is flowing when its latest candle is this recent (the exchange ticks about once a second). */
const FRESH_MS = 5_000;

/**
 * Every check green: each instance ready with nothing degraded; on every stream of every socket a
 * candle in the last 5 s and after `faultAt` (what arrived before the fault proves nothing); and a
 * probe question sent after `restartAt` answered on every instance. Returns what is still red.
 */
export async function redChecks(
  faultAt: number,
  restartAt: number,
  instances: Instances[],
  clients: CandleClient[],
  probes: ChatProbes,
): Promise<string[]> {
  const red: string[] = [];
  await Promise.all(
    instances.map(async (i) => {
      const body = await fetch(`${i.url}/readyz`, { signal: AbortSignal.timeout(3_000) })
        .then((r) => r.json() as Promise<{ ready?: boolean; degraded?: string[] }>)
        .catch(() => undefined);
      if (!body?.ready) red.push(`${i.name} not ready`);
      // Each reason cut short: its tail ("retrying in 8 s") changes every poll.
      else if (body.degraded?.length)
        red.push(`${i.name} degraded: ${body.degraded.map((d) => d.split(':')[0]).join(', ')}`);
    }),
  );
  const fresh = Math.max(Date.now() - FRESH_MS, faultAt);
  const quiet = clients.filter((c) => c.streams.some((s) => (c.lastCandleAt.get(keyOf(s)) ?? 0) <= fresh));
  if (quiet.length) red.push(`${quiet.length} sockets without a fresh candle`);
  for (const i of instances) {
    probes.poke(i.url, restartAt);
    if (!probes.answeredSince(i.url, restartAt)) red.push(`${i.name} chat not answering`);
  }
  return red.sort();
}

/** A stretch of the run that gaps and duplicates are charged to: a fault, from its start to the next. */
export interface Window {
  name: string;
  from: number;
  to: number;
}

const windowOf = (windows: Window[], time: number) => windows.find((w) => time >= w.from && time < w.to);

/** The exchange's closed candles of a stream from `from` on, as it serves them to TrendScope. */
async function exchangeCandles(
  exchangeUrl: string,
  stream: Stream,
  from: number,
): Promise<Map<number, Candle>> {
  const out = new Map<number, Candle>();
  const symbol = stream.symbol.replace('/', '');
  for (let start = from; ;) {
    const url = `${exchangeUrl}/api/v3/klines?symbol=${symbol}&interval=${stream.timeframe}&startTime=${start}&limit=1000`;
    const rows = (await (await fetch(url)).json()) as Array<[number, string, string, string, string, string]>;
    for (const [time, open, high, low, close, volume] of rows)
      out.set(time, { time, open: +open, high: +high, low: +low, close: +close, volume: +volume });
    if (rows.length < 1000) return out;
    start = rows.at(-1)![0] + 1;
  }
}

const same = (a: Candle, b: Candle) =>
  (['open', 'high', 'low', 'close', 'volume'] as const).every(
    (f) => Math.abs(a[f] - b[f]) <= 1e-9 * Math.abs(b[f]),
  );

export interface CandleAudit {
  /** Per window name: closed minutes some socket never received, summed over sockets and streams. */
  missing: Map<string, number>;
  /** Per window name: closed minutes a socket holds with values other than the exchange's. */
  wrong: Map<string, number>;
  /** Each wrong or missing candle once, with how many sockets (or an instance's store) have it so. */
  examples: Map<string, number>;
}

/** Where a run's candles were seen: sockets (by instance) or an instance's own store. */
export interface CandleHolder {
  label: string;
  series: Map<string, Map<number, Candle>> | undefined;
}

/**
 * Every closed candle from `from` to `until`, held by each socket (or store) for each stream, against
 * the exchange's. After a reconnect a client asks for what it missed (`since`), so none may be missing.
 */
export async function auditCandles(
  exchangeUrl: string,
  holders: CandleHolder[],
  streams: Stream[],
  windows: Window[],
  from: number,
  until: number,
): Promise<CandleAudit> {
  const audit: CandleAudit = { missing: new Map(), wrong: new Map(), examples: new Map() };
  const first = Math.ceil(from / MINUTE) * MINUTE;
  const lastClosed = Math.floor(until / MINUTE) * MINUTE - MINUTE;
  const add = (map: Map<string, number>, time: number) => {
    const name = windowOf(windows, time)?.name ?? 'before the faults';
    map.set(name, (map.get(name) ?? 0) + 1);
  };
  for (const stream of streams) {
    const truth = await exchangeCandles(exchangeUrl, stream, first);
    for (const holder of holders) {
      const mine = holder.series?.get(keyOf(stream));
      if (!mine) continue;
      for (let t = first; t <= lastClosed; t += MINUTE) {
        const have = mine.get(t);
        const want = truth.get(t);
        if (!have) add(audit.missing, t);
        else if (want && !same(have, want)) add(audit.wrong, t);
        else continue;
        const what = have ? `close ${have.close} (exchange ${want?.close})` : 'missing';
        const key = `${holder.label} ${keyOf(stream)} ${new Date(t).toISOString().slice(11, 16)}Z ${what}`;
        audit.examples.set(key, (audit.examples.get(key) ?? 0) + 1);
      }
    }
  }
  return audit;
}

/** An instance's own store of a stream (GET /api/candles), to tell a wrong store from a wrong push. */
export async function storeOf(url: string, streams: Stream[]): Promise<Map<string, Map<number, Candle>>> {
  const out = new Map<string, Map<number, Candle>>();
  for (const s of streams) {
    const query = `symbol=${encodeURIComponent(s.symbol)}&timeframe=${s.timeframe}&limit=1000`;
    const body = (await (await fetch(`${url}/api/candles?${query}`)).json()) as CandlesResponse;
    out.set(keyOf(s), new Map(unpackCandles(body.candles).map((c) => [c.time, c])));
  }
  return out;
}

export interface ChatAudit {
  /** Per window: acknowledged questions or answers not in the database. */
  lost: Map<string, number>;
  /** Per window: a question stored more than once, or an answer no chat_sends row points at. */
  twice: Map<string, number>;
  examples: string[];
}

/** Every acknowledged question and answer must be stored, each once. */
export async function auditChat(
  databaseUrl: string,
  users: ChatUser[],
  windows: Window[],
): Promise<ChatAudit> {
  const audit: ChatAudit = { lost: new Map(), twice: new Map(), examples: [] };
  const add = (map: Map<string, number>, time: number, example: string) => {
    const name = windowOf(windows, time)?.name ?? 'before the faults';
    map.set(name, (map.get(name) ?? 0) + 1);
    if (audit.examples.length < 5) audit.examples.push(example);
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const userIds = users.map((u) => u.userId);
    const { rows: messages } = await client.query<{
      id: string;
      conversation_id: string;
      role: string;
      text: string;
      created_at: Date;
    }>(
      `select m.id::text, m.conversation_id::text, m.role, m.text, m.created_at
         from messages m join conversations c on c.id = m.conversation_id
        where c.user_id = any($1::uuid[])`,
      [userIds],
    );
    const { rows: sends } = await client.query<{ answer_id: string | null }>(
      'select answer_id::text from chat_sends where user_id = any($1::uuid[])',
      [userIds],
    );
    const byId = new Map(messages.map((m) => [m.id, m]));
    for (const send of users.flatMap((u) => u.acked)) {
      for (const [id, role] of [
        [send.questionId, 'user'],
        [send.answerId, 'assistant'],
      ] as const) {
        const stored = byId.get(id);
        if (!stored || stored.role !== role || stored.conversation_id !== send.conversationId)
          add(
            audit.lost,
            send.ackedAt,
            `acked ${role} message ${id} (clientId ${send.clientId}) not in the database`,
          );
      }
    }
    const answers = new Set(sends.map((s) => s.answer_id));
    const seen = new Set<string>();
    for (const m of messages.sort((a, b) => Number(a.id) - Number(b.id))) {
      const key = `${m.conversation_id} ${m.text}`;
      if (m.role === 'user' && seen.has(key))
        add(audit.twice, m.created_at.getTime(), `question "${m.text}" stored again as message ${m.id}`);
      else if (m.role === 'assistant' && !answers.has(m.id))
        add(audit.twice, m.created_at.getTime(), `answer ${m.id} is no question's answer (answered twice?)`);
      seen.add(key);
    }
  } finally {
    await client.end();
  }
  return audit;
}
