import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Analysis } from '../../../shared/analysis.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { Ack, ApiError } from '../../../shared/errors.ts';
import { streamKey, type Timeframe } from '../../../shared/market.ts';
import { historyDepth } from '../../../shared/limits.ts';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '../../../shared/protocol.ts';
import { AppError, toApiError } from '../kernel/errors.ts';
import type { InFlightWork } from '../kernel/in-flight-work.ts';
import type { Logger } from '../kernel/logger.ts';
import { parsePayload } from '../kernel/validation.ts';
import type { StreamHub, StreamPublisher } from '../streams/stream-hub.ts';
import type { SubscribeResponses } from './subscribe-responses.ts';
import type { TypedServer, TypedSocket } from './socket-types.ts';

export type { TypedServer } from './socket-types.ts';

export const roomOf = (symbol: string, timeframe: Timeframe) => `stream:${streamKey(symbol, timeframe)}`;

/** A connection with more packets than this waiting to be written is behind: it skips ticks. */
const BEHIND_PACKETS = 32;
/** Past this it is cut off (it reconnects and resumes with `since`): reliable events must not pile up. */
const CUT_OFF_PACKETS = 2_000;
const BACKLOG_SWEEP_MS = 250;

/**
 * The sockets whose connection is behind, refreshed four times a second from engine.io's write
 * buffer (an internal, read only here: the packets queued while the transport is busy writing).
 */
function watchBacklogs(io: TypedServer): ReadonlySet<string> {
  const behind = new Set<string>();
  const sweep = setInterval(() => {
    behind.clear();
    for (const socket of io.of('/').sockets.values()) {
      const waiting = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
      if (waiting > CUT_OFF_PACKETS) socket.disconnect(true);
      else if (waiting > BEHIND_PACKETS) behind.add(socket.id);
    }
  }, BACKLOG_SWEEP_MS);
  sweep.unref();
  return behind;
}

/**
 * Broadcasts to a stream's room: one emit per update, whatever the number of watchers. Candles and
 * statuses go to this instance's sockets only, since every instance receives the stream's feed
 * itself; an analysis is computed once for all instances, so it goes through the adapter to all.
 */
export function socketPublisher(io: TypedServer): StreamPublisher & {
  analysis(analysis: Analysis): void;
  prediction(prediction: Prediction): void;
} {
  const behind = watchBacklogs(io);
  return {
    candle(event, reliable) {
      const room = io.local.to(roomOf(event.symbol, event.timeframe));
      // A tick skips the connections that are behind (it heals with the next one, so their buffer
      // cannot grow), not Socket.IO's `volatile`, which drops a packet whenever the connection is
      // still writing the one before: the second stream to tick in a turn would never move.
      (reliable || behind.size === 0 ? room : room.except([...behind])).emit('candle', event);
    },
    status(status) {
      io.local.to(roomOf(status.symbol, status.timeframe)).emit('status', status);
    },
    analysis(analysis) {
      io.to(roomOf(analysis.symbol, analysis.timeframe)).emit('analysis', analysis);
    },
    prediction(prediction) {
      io.to(roomOf(prediction.symbol, prediction.timeframe)).emit('prediction', prediction);
    },
  };
}

/** What every socket handler runs with: where failures are logged, and the count a shutdown drains. */
export interface SocketHandling {
  logger: Logger;
  inFlight: InFlightWork;
}

/** The answer to an event that arrives once the server has begun shutting down. */
export const SHUTTING_DOWN: ApiError = {
  code: 'TEMPORARILY_UNAVAILABLE',
  message: 'The server is restarting; send it again in a moment',
  retryAfterMs: 1_000,
};

/**
 * Wraps an event handler: the ack is optional, every failure becomes `{ok:false}`, nothing throws.
 * Each event is counted in flight until its ack is sent, so a shutdown lets it finish; once the
 * shutdown has begun, new events are refused at once with a retryable error.
 */
export function handle<T>({ logger, inFlight }: SocketHandling, work: (payload: unknown) => Promise<T>) {
  return (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (response: Ack<T>) => void) : () => {};
    if (!inFlight.accepting) return reply({ ok: false, error: SHUTTING_DOWN });
    void inFlight.track(
      work(payload).then(
        (data) => reply({ ok: true, data }),
        (err: unknown) => reply({ ok: false, error: toApiError(err, logger) }),
      ),
    );
  };
}

/** New connections are refused once the shutdown has begun: the client reconnects elsewhere or later. */
export function refuseSocketsWhileDraining(io: TypedServer, inFlight: InFlightWork): void {
  io.use((_socket, next) => (inFlight.accepting ? next() : next(new Error(SHUTTING_DOWN.message))));
}

/**
 * Waits, at most `boundMs`, until every connection has handed what it was sent to the network.
 * Closing discards whatever a connection still queues behind a write in progress: the last acks of
 * a drain (the ack of a chat question right after its `chat:message` push) would be lost.
 */
export async function flushSocketWrites(io: TypedServer, boundMs: number): Promise<void> {
  const written = async (socket: TypedSocket) => {
    // A transport is not writable while a write is under way; it says `ready` when it is done.
    while (socket.conn.readyState === 'open' && !socket.conn.transport.writable)
      await once(socket.conn.transport, 'ready');
  };
  await Promise.race([
    Promise.all([...io.of('/').sockets.values()].map((socket) => written(socket).catch(() => {}))),
    sleep(boundMs, undefined, { ref: false }),
  ]);
}

export function attachSocketHandlers(
  io: TypedServer,
  hub: StreamHub,
  responses: SubscribeResponses,
  options: SocketHandling & { maxSubscriptionsPerSocket: number },
): void {
  io.on('connection', (socket: TypedSocket) => {
    const subscriptions = new Set<string>();

    socket.on(
      'subscribe',
      handle(options, async (payload) => {
        const req = parsePayload(SubscribeRequestSchema, payload);
        const key = streamKey(req.symbol, req.timeframe);
        const isNew = !subscriptions.has(key);
        if (isNew && subscriptions.size >= options.maxSubscriptionsPerSocket) {
          throw new AppError(
            'TOO_MANY_SUBSCRIPTIONS',
            `At most ${options.maxSubscriptionsPerSocket} streams per connection; unsubscribe from one first`,
          );
        }
        subscriptions.add(key);
        try {
          const limit = req.limit ?? historyDepth(req.timeframe);
          const snapshot = await hub.subscribe(socket.id, req.symbol, req.timeframe, {
            since: req.since,
            limit,
          });
          // Join in the same turn as the snapshot was taken, so no update falls between the two.
          await socket.join(roomOf(req.symbol, req.timeframe));
          // Updates that arrive while the response is built reach the client before the ack; it holds them.
          const { response, laterPrediction } = await responses.build(snapshot, limit);
          // A forecast the room's publish could not bring this socket follows it here.
          void laterPrediction?.then((prediction) => {
            if (prediction && socket.connected) socket.emit('prediction', prediction);
          });
          return response;
        } catch (err) {
          if (isNew) subscriptions.delete(key);
          throw err;
        }
      }),
    );

    socket.on(
      'unsubscribe',
      handle(options, async (payload) => {
        const req = parsePayload(UnsubscribeRequestSchema, payload);
        const key = streamKey(req.symbol, req.timeframe);
        if (!subscriptions.delete(key)) {
          throw new AppError('NOT_SUBSCRIBED', `Not subscribed to ${req.symbol} ${req.timeframe}`);
        }
        hub.unsubscribe(socket.id, req.symbol, req.timeframe);
        await socket.leave(roomOf(req.symbol, req.timeframe));
        return { symbol: req.symbol, timeframe: req.timeframe };
      }),
    );

    socket.on('disconnect', () => hub.releaseAll(socket.id));
  });
}
