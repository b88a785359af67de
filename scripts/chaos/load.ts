/**
 * The load a chaos run keeps on the instances while it breaks things: sockets watching candle
 * streams (reconnecting and asking for what they missed, as the web client does), signed-in users
 * asking chat questions and retrying unacknowledged ones with the same clientId, and an HTTP prober.
 * Everything they see is recorded for the checks afterwards.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzip } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import type { ChatSendRequest, ChatSendResult } from '../../shared/chat.ts';
import type { Ack } from '../../shared/errors.ts';
import type { Candle, Timeframe } from '../../shared/market.ts';
import type { CandleEvent, ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.ts';
import { decodeSubscribeResponse, type SubscribeResponse } from '../../shared/snapshot.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Stream {
  symbol: string;
  timeframe: Timeframe;
}
export const keyOf = (s: Stream) => `${s.symbol} ${s.timeframe}`;

const gunzipText = async (bytes: Uint8Array) => (await promisify(gunzip)(bytes)).toString('utf8');
/** The exchange ticks each stream about once a second: this long without a candle is a silence. */
export const SILENCE_MS = 3_000;
/** How long a client waits before connecting again, as socket.io's own first backoff step. */
const RECONNECT_MS = 500;

function openSocket(url: string, cookie?: string): ClientSocket {
  return io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5_000,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
}

/** A pushed candle, after the final state of the one it closes (`closed`), as the protocol says. */
function apply(candles: Map<number, Candle> | undefined, e: CandleEvent): void {
  if (e.closed) candles?.set(e.closed.candle.time, e.closed.candle);
  candles?.set(e.candle.time, e.candle);
}

/**
 * One browser tab on one instance (there is no balancer in front, so it reconnects to the same one),
 * watching a few streams. After every reconnect it subscribes again with `since` = its last candle,
 * and holds pushed candles while a subscribe is answered, merging them after the ack, as the client does.
 */
export class CandleClient {
  /** Per stream: every candle by open time, its latest version. */
  readonly series = new Map<string, Map<number, Candle>>();
  /** Per stream: when (wall ms) the last `candle` event arrived. */
  readonly lastCandleAt = new Map<string, number>();
  /** Stretches of more than SILENCE_MS without a candle on a stream: from, to (wall ms). */
  readonly silences: Array<{ stream: string; from: number; to: number }> = [];
  /** Failed subscribes: when, and the error code (or the timeout). */
  readonly errors: Array<{ at: number; code: string }> = [];
  private socket?: ClientSocket;
  private stopped = false;

  constructor(
    readonly instance: string,
    readonly url: string,
    readonly streams: Stream[],
  ) {
    for (const s of streams) this.series.set(keyOf(s), new Map());
  }

  start(): void {
    if (this.stopped) return;
    const socket = openSocket(this.url);
    this.socket = socket;
    const held = new Map<string, CandleEvent[]>();
    const again = () => {
      socket.removeAllListeners();
      socket.close();
      if (this.socket === socket && !this.stopped) setTimeout(() => this.start(), RECONNECT_MS);
    };
    socket.on('connect_error', again);
    socket.on('disconnect', again);
    socket.on('candle', (e) => {
      const key = keyOf(e);
      const now = Date.now();
      const previous = this.lastCandleAt.get(key);
      if (previous !== undefined && now - previous > SILENCE_MS)
        this.silences.push({ stream: key, from: previous, to: now });
      this.lastCandleAt.set(key, now);
      const pending = held.get(key);
      if (pending) pending.push(e);
      else apply(this.series.get(key), e);
    });
    socket.on('connect', () => {
      for (const stream of this.streams) void this.subscribe(socket, stream, held);
    });
  }

  private async subscribe(socket: ClientSocket, stream: Stream, held: Map<string, CandleEvent[]>) {
    const key = keyOf(stream);
    const candles = this.series.get(key)!;
    while (socket.connected && !this.stopped) {
      held.set(key, []);
      const since = candles.size > 0 ? Math.max(...candles.keys()) : undefined;
      try {
        const ack = (await socket.timeout(15_000).emitWithAck('subscribe', {
          ...stream,
          ...(since === undefined ? {} : { since }),
        })) as Ack<SubscribeResponse>;
        if (!ack.ok) throw new Error(ack.error.code);
        const result = await decodeSubscribeResponse(ack.data, gunzipText);
        for (const c of result.candles) candles.set(c.time, c);
        for (const e of held.get(key) ?? []) apply(candles, e);
        held.delete(key);
        return;
      } catch (err) {
        const code = err instanceof Error ? err.message : String(err);
        this.errors.push({ at: Date.now(), code: `subscribe ${code}` });
        for (const e of held.get(key) ?? []) apply(candles, e);
        held.delete(key);
        await sleep(1_000);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

/** A question acknowledged by the server: both messages must be in the database at the end. */
export interface AckedSend {
  user: number;
  userId: string;
  clientId: string;
  conversationId: string;
  questionId: string;
  answerId: string;
  firstSentAt: number;
  ackedAt: number;
  /** From the answered attempt's emit to its ack. */
  latencyMs: number;
  attempts: number;
}

/** Questions a person could ask about the watched streams; each is made unique by a tag. */
const QUESTIONS = ['how is BTC doing?', 'RSI of ETH on 1m', 'price of SOL', 'trend of BTC on 1m'];
/**
 * At most one question per user this often, retries included: the server allows 20 a minute per user
 * (chat-socket.ts), and a retry storm that ran into that limit would measure the limit, not the outage.
 */
export const CHAT_PACE_MS = 4_000;
const ACK_TIMEOUT_MS = 5_000;

/** The server's ack, or what the client saw instead: no connection, or no ack in time. */
type SendOutcome =
  Ack<ChatSendResult> | { ok: false; error: { code: 'DISCONNECTED' | 'NO_ACK'; retryAfterMs?: undefined } };

export class ChatUser {
  readonly acked: AckedSend[] = [];
  /** Unanswered attempts: when, and the error code (DISCONNECTED, NO_ACK or the server's). */
  readonly errors: Array<{ at: number; code: string }> = [];
  /** Attempts answered after the client had given up on them: when sent, and how late. */
  readonly late: Array<{ at: number; code: string }> = [];
  /** When the latest attempt that was answered began: chat answers again once this is after an outage. */
  lastOkStartedAt = 0;
  userId = '';
  private cookie = '';
  private socket?: ClientSocket;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    readonly index: number,
    readonly url: string,
  ) {}

  async register(runTag: string): Promise<void> {
    const res = await fetch(`${this.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `chaos_${runTag}_${this.index}`, password: 'chaos-run-password' }),
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
    this.userId = ((await res.json()) as { user: { id: string } }).user.id;
    this.cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  }

  /** Connects; a paced user then asks continuously, a probe only when asked to (askOnce). */
  start(paced: boolean): void {
    this.connect();
    if (paced) this.loop = this.ask();
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = openSocket(this.url, this.cookie);
    this.socket = socket;
    const again = () => {
      socket.removeAllListeners();
      socket.close();
      if (this.socket === socket && !this.stopped) setTimeout(() => this.connect(), RECONNECT_MS);
    };
    socket.on('connect_error', again);
    socket.on('disconnect', again);
  }

  private async sendOnce(request: ChatSendRequest): Promise<SendOutcome> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: { code: 'DISCONNECTED' } };
    const sentAt = Date.now();
    const answer = new Promise<Ack<ChatSendResult>>((resolve) => socket.emit('chat:send', request, resolve));
    // Given up on after ACK_TIMEOUT_MS, as a client would, but still heard: how late the server was.
    void answer.then((ack) => {
      const ms = Date.now() - sentAt;
      if (ms > ACK_TIMEOUT_MS)
        this.late.push({
          at: sentAt,
          code: `answered after ${(ms / 1000).toFixed(1)} s${ack.ok ? '' : ` (${ack.error.code})`}`,
        });
    });
    const timeout = sleep(ACK_TIMEOUT_MS).then((): SendOutcome => ({ ok: false, error: { code: 'NO_ACK' } }));
    return Promise.race([answer, timeout]);
  }

  private asked = 0;

  private nextQuestion(conversationId: string | undefined): ChatSendRequest {
    const n = ++this.asked;
    const text = `${QUESTIONS[n % QUESTIONS.length]} [chaos u${this.index} q${n}]`;
    return { text, clientId: randomUUID(), ...(conversationId ? { conversationId } : {}) };
  }

  /** One attempt; an answer is recorded (the database must have it at the end). */
  private async attempt(request: ChatSendRequest, firstSentAt: number, attempt: number) {
    const startedAt = Date.now();
    const ack = await this.sendOnce(request);
    if (ack.ok) {
      this.lastOkStartedAt = startedAt;
      this.acked.push({
        user: this.index,
        userId: this.userId,
        clientId: request.clientId!,
        conversationId: ack.data.conversationId,
        questionId: String(ack.data.question.id),
        answerId: String(ack.data.message.id),
        firstSentAt,
        ackedAt: Date.now(),
        latencyMs: Date.now() - startedAt,
        attempts: attempt,
      });
    } else {
      // Which question went unanswered says more than the code alone when the exchange is away.
      const question = ack.error.code === 'NO_ACK' ? ` (${request.text.split(' [')[0]})` : '';
      this.errors.push({ at: startedAt, code: `${ack.error.code}${question}` });
    }
    return { ack, startedAt };
  }

  /** A probe: a new question in a new conversation, tried once. */
  async askOnce(): Promise<boolean> {
    const now = Date.now();
    return (await this.attempt(this.nextQuestion(undefined), now, 1)).ack.ok;
  }

  private async ask(): Promise<void> {
    // The first question waits for the first connection; later ones count every unanswered try.
    for (let waited = 0; !this.socket?.connected && waited < 10_000; waited += 100) await sleep(100);
    let conversationId: string | undefined;
    while (!this.stopped) {
      const request = this.nextQuestion(conversationId);
      const firstSentAt = Date.now();
      // Until answered: the same request, the same clientId, however many tries it takes.
      for (let attempt = 1; ; attempt++) {
        const { ack, startedAt } = await this.attempt(request, firstSentAt, attempt);
        if (ack.ok) conversationId = ack.data.conversationId;
        if (ack.ok || (this.stopped && attempt > 1)) {
          await sleep(ack.ok ? Math.max(0, startedAt + CHAT_PACE_MS - Date.now()) : 0);
          break;
        }
        const wait = Math.max(CHAT_PACE_MS, ack.error.retryAfterMs ?? 0);
        await sleep(Math.max(0, startedAt + wait - Date.now()));
      }
    }
  }

  /** Stops asking; the question under way gets its answer (or one more try) first. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

/**
 * Whether chat answers on an instance, asked right when it matters (after a restart) rather than
 * waiting for the paced users' next question: a few users per instance taking turns, one question
 * in flight and at most one a second, which keeps each well under its 20 a minute.
 */
export class ChatProbes {
  private readonly busy = new Set<string>();
  private readonly lastTry = new Map<string, number>();
  private turn = 0;

  constructor(readonly users: ChatUser[]) {}

  answeredSince(url: string, since: number): boolean {
    return this.users.some((u) => u.url === url && u.lastOkStartedAt > since);
  }

  /** Asks on `url` unless it answered after `since`, a probe is in flight or one began < 1 s ago. */
  poke(url: string, since: number): void {
    if (this.answeredSince(url, since) || this.busy.has(url)) return;
    if (Date.now() - (this.lastTry.get(url) ?? 0) < 1_000) return;
    const mine = this.users.filter((u) => u.url === url);
    const user = mine[this.turn++ % mine.length];
    if (!user) return;
    this.busy.add(url);
    this.lastTry.set(url, Date.now());
    void user.askOnce().finally(() => this.busy.delete(url));
  }
}

export interface Sample {
  at: number;
  instance: string;
  path: string;
  /** HTTP status; 0 when the instance could not be reached or did not answer in 5 s. */
  status: number;
  ms: number;
}

/** GET /healthz and /api/candles on every instance, four times a second, from a worker thread. */
export class HttpProber {
  samples: Sample[] = [];
  private worker?: Worker;

  constructor(private readonly instances: Array<{ name: string; url: string }>) {}

  start(): void {
    const paths = ['/healthz', '/api/candles?symbol=BTC%2FUSDT&timeframe=1m&limit=100'];
    this.worker = new Worker(new URL('./prober-worker.mjs', import.meta.url), {
      workerData: {
        instances: this.instances.map(({ name, url }) => ({ name, url })),
        paths,
        intervalMs: 250,
      },
    });
  }

  /** Ends the probing and collects what it measured. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const answer = once(worker, 'message', { signal: AbortSignal.timeout(15_000) });
    worker.postMessage('stop');
    this.samples = ((await answer.catch(() => [[]]))[0] as Sample[]) ?? [];
    await worker.terminate();
  }
}
