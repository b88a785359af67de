/**
 * The baseline: bare Socket.IO 4 with nothing of TrendScope, doing what TrendScope's socket layer does
 * on the wire. `subscribe` joins the stream's room and acks the very object TrendScope acked for that
 * stream (captured from it at the start of the run, re-serialised by Socket.IO for each subscriber as
 * any ack is; Buffers in it go as binary attachments, as TrendScope's do); every
 * stream gets a `candle` of TrendScope's shape once per `updateMs`, volatile, and a reliable one where a
 * minute closes. Run by the benchmarks as a child process (see servers.ts), driven over IPC.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serveRequests } from './ipc.ts';

export interface BareServerConfig {
  port: number;
  /** Symbols of the streams, e.g. BTC/USDT; each is one room. */
  symbols: string[];
  timeframe: string;
  /** Per symbol, the ack TrendScope sent for a subscribe without `limit` (its default snapshot). */
  defaultAcks: Record<string, unknown>;
  /** Per symbol, the ack it sent for `limit: limitedAcks.limit`. */
  limitedAcks: { limit: number; acks: Record<string, unknown> };
  /** A `candle` event TrendScope sent: the shape every update copies. */
  candleEvent: { candle: Record<string, number> } & Record<string, unknown>;
  /** One update per stream this often (TrendScope's replay moves a forming candle once a second). */
  updateMs: number;
}

interface SubscribeRequest {
  symbol?: unknown;
  timeframe?: unknown;
  limit?: unknown;
}

const MINUTE = 60_000;

function listen(config: BareServerConfig): Promise<void> {
  const httpServer = createServer((req, res) => {
    // What the /healthz prober and the start-up wait ask; everything else is Socket.IO's.
    if (req.url === '/healthz')
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    else res.writeHead(404).end();
  });
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 100_000 });
  io.on('connection', (socket) => {
    socket.on('subscribe', (request: SubscribeRequest, ack: unknown) => {
      if (typeof request?.symbol !== 'string' || typeof ack !== 'function') return;
      void socket.join(`stream:${request.symbol}:${String(request.timeframe)}`);
      const acks = request.limit === config.limitedAcks.limit ? config.limitedAcks.acks : config.defaultAcks;
      (ack as (response: unknown) => void)(acks[request.symbol]);
    });
  });
  let sequence = 0;
  for (const symbol of config.symbols) {
    const room = `stream:${symbol}:${config.timeframe}`;
    let minute = 0;
    setInterval(() => {
      const now = Date.now();
      const time = now - (now % MINUTE);
      // A new minute: TrendScope sends the closed candle and the new one reliably, ticks volatile.
      const reliable = time !== minute;
      minute = time;
      const template = config.candleEvent;
      const base = template.candle;
      const candle: Record<string, number> = {
        ...base,
        time,
        close: (base.close ?? 0) + (sequence % 100) / 100,
      };
      // A distinct volume makes every update distinct, as the load generators tell updates apart by it.
      candle.volume = ++sequence;
      const event = { ...template, symbol, timeframe: config.timeframe, candle };
      (reliable ? io.to(room) : io.to(room).volatile).emit('candle', event);
    }, config.updateMs);
  }
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, '127.0.0.1', () => resolve());
  });
}

const handlers = { listen };
export type BareServerHandlers = typeof handlers;

if (process.send) serveRequests(handlers);
