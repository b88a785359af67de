/**
 * A load generator: one process holding many socket.io-client sockets (WebSocket only, no
 * reconnection, so every disconnect is seen), driven over IPC by load-fleet.ts. It stamps every
 * `candle` it receives with a clock all processes on the machine share (performance.timeOrigin +
 * now), so the fleet can tell how far apart the first and the last client got the same update.
 */
import { io, type Socket } from 'socket.io-client';
import { serveRequests } from './ipc.ts';
import { meterAck, type AckBytes } from './wire-meter.ts';

export interface Receipt {
  symbol: string;
  /** Shared-clock ms of the first and last receipt of this update in this process. */
  first: number;
  last: number;
  /** Clients that received it. */
  count: number;
  /** Receipts by a client that had received it already (the same update sent twice). */
  repeats: number;
}

export interface SubscribeArgs {
  symbols: string[];
  timeframe: string;
  /** Streams per socket: socket i watches symbols i, i+1, … (mod the list), i counted across the fleet. */
  perSocket: number;
  /** Omitted: the server's default snapshot. */
  limit?: number;
  /** Only sockets that have not subscribed yet (default: every connected socket). */
  onlyNew?: boolean;
  /** Measure each ack's bytes (meaningful with one subscribe per socket). */
  measureBytes?: boolean;
  timeoutMs?: number;
}

export interface SubscribeReport {
  /** Emit to ack, ms, one per successful subscribe. */
  latencies: number[];
  /** Failed subscribes by error code or message. */
  failures: Record<string, number>;
  bytes: AckBytes[];
  /** Subscribed sockets per symbol. */
  subscribers: Record<string, number>;
}

export interface Tally {
  connected: number;
  subscribed: number;
  /** Since the previous tally. */
  events: Record<string, number>;
  disconnects: Record<string, number>;
}

interface Client {
  socket: Socket;
  /** Index across the whole fleet. */
  index: number;
  subscribed: boolean;
}

const clients: Client[] = [];
const subscribers: Record<string, number> = {};
const receipts = new Map<string, Receipt>();
/** Per update, the clients that received it: a repeat is counted as such, not as a delivery. */
const receivers = new Map<string, Set<number>>();
let counting = false;
let events: Record<string, number> = {};
let disconnects: Record<string, number> = {};

const sharedNow = () => performance.timeOrigin + performance.now();
const bump = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

/** One update of one stream: the same on every client that receives it. */
function updateKey(event: unknown): { symbol: string; key: string } {
  const e = event as { symbol?: string; candle?: { time?: number; close?: number; volume?: number } };
  const c = e?.candle;
  const symbol = String(e?.symbol ?? '?');
  return { symbol, key: c ? `${symbol}|${c.time}|${c.close}|${c.volume}` : JSON.stringify(event) };
}

function record(client: number, event: unknown): void {
  if (!counting) return;
  const at = sharedNow();
  const { symbol, key } = updateKey(event);
  const receipt = receipts.get(key);
  if (!receipt) {
    receipts.set(key, { symbol, first: at, last: at, count: 1, repeats: 0 });
    receivers.set(key, new Set([client]));
    return;
  }
  const clients = receivers.get(key)!;
  if (clients.has(client)) return void receipt.repeats++;
  clients.add(client);
  receipt.last = at;
  receipt.count++;
}

function open(url: string, index: number, timeoutMs: number): Promise<Client> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
  });
  const client: Client = { socket, index, subscribed: false };
  socket.on('candle', (event: unknown) => record(index, event));
  socket.onAny((name: string) => bump(events, name));
  socket.on('disconnect', (reason, details) => {
    if (reason === 'io client disconnect') return;
    const detail = (details as { description?: unknown } | undefined)?.description;
    bump(disconnects, detail instanceof Error ? `${reason}: ${detail.message}` : reason);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

async function connect(args: { url: string; count: number; firstIndex: number; concurrency: number }) {
  const started = performance.now();
  const failed: Record<string, number> = {};
  let next = 0;
  // A bounded number of handshakes at once: thousands at the same instant only measure the backlog.
  const lane = async () => {
    while (next < args.count) {
      const index = args.firstIndex + next++;
      await open(args.url, index, 60_000).then(
        (client) => clients.push(client),
        (err: Error) => bump(failed, err.message),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.concurrency, args.count) }, lane));
  return {
    connected: args.count - Object.values(failed).reduce((a, b) => a + b, 0),
    failed,
    ms: performance.now() - started,
  };
}

async function subscribeOne(
  client: Client,
  request: object,
  timeoutMs: number,
  measure: boolean,
  report: SubscribeReport,
) {
  const meter = measure ? meterAck(client.socket) : undefined;
  const started = performance.now();
  try {
    const response = (await client.socket.timeout(timeoutMs).emitWithAck('subscribe', request)) as {
      ok: boolean;
      error?: { code?: string };
    };
    const bytes = meter?.stop();
    if (!response?.ok) return void bump(report.failures, response?.error?.code ?? 'not ok');
    report.latencies.push(performance.now() - started);
    if (bytes) report.bytes.push(bytes);
    client.subscribed = true;
    const symbol = (request as { symbol: string }).symbol;
    bump(report.subscribers, symbol);
    bump(subscribers, symbol);
  } catch (err) {
    meter?.stop();
    bump(report.failures, err instanceof Error ? err.message : String(err));
  }
}

async function subscribe(args: SubscribeArgs): Promise<SubscribeReport> {
  const report: SubscribeReport = { latencies: [], failures: {}, bytes: [], subscribers: {} };
  const live = clients.filter((c) => c.socket.connected && !(args.onlyNew && c.subscribed));
  await Promise.all(
    live.flatMap((client) =>
      Array.from({ length: args.perSocket }, (_, k) => {
        const symbol = args.symbols[(client.index + k) % args.symbols.length]!;
        const request = { symbol, timeframe: args.timeframe, ...(args.limit ? { limit: args.limit } : {}) };
        return subscribeOne(client, request, args.timeoutMs ?? 300_000, args.measureBytes ?? false, report);
      }),
    ),
  );
  return report;
}

function countStart(): void {
  receipts.clear();
  receivers.clear();
  counting = true;
}

function countStop(): { receipts: Array<[string, Receipt]>; subscribers: Record<string, number> } {
  counting = false;
  const result = [...receipts];
  receipts.clear();
  receivers.clear();
  return { receipts: result, subscribers };
}

function tally(): Tally {
  const result = {
    connected: clients.filter((c) => c.socket.connected).length,
    subscribed: clients.filter((c) => c.socket.connected && c.subscribed).length,
    events,
    disconnects,
  };
  events = {};
  disconnects = {};
  return result;
}

async function disconnectAll(): Promise<void> {
  for (const client of clients.splice(0)) client.socket.disconnect();
  for (const key of Object.keys(subscribers)) delete subscribers[key];
  events = {};
  disconnects = {};
}

const handlers = { connect, subscribe, countStart, countStop, tally, disconnectAll };
export type LoadGeneratorHandlers = typeof handlers;

if (process.send) serveRequests(handlers);
