import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Ack } from '../../../shared/errors.ts';
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
    this.socket.on('candle', (e) => this.candles.push(e));
    this.socket.on('status', (s) => this.statuses.push(s));
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /** Emits any event with any payload and waits for the ack; garbage in is the point of some tests. */
  request<T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
    return (this.socket.timeout(timeoutMs) as unknown as Socket).emitWithAck(event, payload) as Promise<
      Ack<T>
    >;
  }

  close(): void {
    this.socket.disconnect();
  }
}
