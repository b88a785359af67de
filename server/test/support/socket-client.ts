import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Ack } from '../../../shared/errors.ts';
import { decodeSubscribeResponse, type SubscribeResponse } from '../../../shared/snapshot.ts';
import type {
  CandleEvent,
  ClientToServerEvents,
  ServerToClientEvents,
  StreamStatus,
} from '../../../shared/protocol.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client that records what the server pushes. */
export class TestClient {
  readonly socket: TestSocket;
  readonly candles: CandleEvent[] = [];
  readonly statuses: StreamStatus[] = [];

  constructor(url: string, options: Partial<ManagerOptions & SocketOptions> = {}) {
    this.socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
    // A candle that opens a period carries the final state of the one it closes: recorded as its own
    // event first, the order a client applies them in.
    this.socket.on('candle', (e) => {
      if (e.closed) this.candles.push({ symbol: e.symbol, timeframe: e.timeframe, ...e.closed });
      this.candles.push(e);
    });
    this.socket.on('status', (s) => this.statuses.push(s));
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /**
   * Emits any event with any payload and waits for the ack; garbage in is the point of some tests.
   * A `subscribe` ack comes back decoded, as the SubscribeResult a client works with.
   */
  async request<T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
    const ack = (await (this.socket.timeout(timeoutMs) as unknown as Socket).emitWithAck(
      event,
      payload,
    )) as Ack<T>;
    if (event !== 'subscribe' || !ack.ok) return ack;
    this.subscribeBytes.push(byteLength((ack.data as SubscribeResponse).body));
    return {
      ok: true,
      data: (await decodeSubscribeResponse(ack.data as SubscribeResponse, gunzipText)) as T,
    };
  }

  /** Compressed snapshot bytes of every subscribe ack received, in order. */
  readonly subscribeBytes: number[] = [];

  close(): void {
    this.socket.disconnect();
  }
}

const gunzipAsync = promisify(gunzip);
const gunzipText = async (bytes: Uint8Array) => (await gunzipAsync(bytes)).toString('utf8');
const byteLength = (body: Uint8Array | ArrayBuffer) => body.byteLength;
