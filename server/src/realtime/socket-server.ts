import type { Analysis } from '../../../shared/analysis.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { PredictionService } from '../predict/prediction-service.ts';
import type { Ack } from '../../../shared/errors.ts';
import { withSeriesFrom, type AnalysisService } from '../analysis/analysis-service.ts';
import { streamKey, type Timeframe } from '../../../shared/market.ts';
import {
  DEFAULT_SNAPSHOT_CANDLES,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '../../../shared/protocol.ts';
import { AppError, toApiError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import { parsePayload } from '../kernel/validation.ts';
import type { StreamHub, StreamPublisher } from '../streams/stream-hub.ts';
import type { TypedServer, TypedSocket } from './socket-types.ts';

export type { TypedServer } from './socket-types.ts';

export const roomOf = (symbol: string, timeframe: Timeframe) => `stream:${streamKey(symbol, timeframe)}`;

/**
 * Broadcasts to a stream's room: one emit per update, whatever the number of watchers. Candles and
 * statuses go to this instance's sockets only, since every instance receives the stream's feed
 * itself; an analysis is computed once for all instances, so it goes through the adapter to all.
 */
export function socketPublisher(io: TypedServer): StreamPublisher & {
  analysis(analysis: Analysis): void;
  prediction(prediction: Prediction): void;
} {
  return {
    candle(symbol, timeframe, candle, reliable, indicators) {
      const room = io.local.to(roomOf(symbol, timeframe));
      const event = indicators ? { symbol, timeframe, candle, indicators } : { symbol, timeframe, candle };
      // Ticks are volatile: a slow client skips one and heals with the next, so its buffer cannot grow.
      (reliable ? room : room.volatile).emit('candle', event);
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

/** Wraps an event handler: the ack is optional, every failure becomes `{ok:false}`, nothing throws. */
export function handle<T>(logger: Logger, work: (payload: unknown) => Promise<T>) {
  return (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (response: Ack<T>) => void) : () => {};
    work(payload).then(
      (data) => reply({ ok: true, data }),
      (err: unknown) => reply({ ok: false, error: toApiError(err, logger) }),
    );
  };
}

export function attachSocketHandlers(
  io: TypedServer,
  hub: StreamHub,
  analysis: AnalysisService,
  predictions: PredictionService,
  options: { maxSubscriptionsPerSocket: number; logger: Logger },
): void {
  const { logger } = options;
  io.on('connection', (socket: TypedSocket) => {
    const subscriptions = new Set<string>();

    socket.on(
      'subscribe',
      handle(logger, async (payload) => {
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
          const result = await hub.subscribe(socket.id, req.symbol, req.timeframe, {
            since: req.since,
            limit: req.limit ?? DEFAULT_SNAPSHOT_CANDLES,
          });
          // Join in the same turn as the snapshot was taken, so no update falls between the two.
          await socket.join(roomOf(req.symbol, req.timeframe));
          // Updates that arrive while the analysis loads reach the client before the ack; it holds them.
          const computed = await analysis.get(req.symbol, req.timeframe).then(
            (r) => r.analysis,
            (err: unknown) => {
              logger.warn(
                { err, symbol: req.symbol, timeframe: req.timeframe },
                'no analysis for the snapshot',
              );
              return null;
            },
          );
          result.prediction = await predictions.get(req.symbol, req.timeframe).then(
            (r) => r.prediction,
            (err: unknown) => {
              logger.warn(
                { err, symbol: req.symbol, timeframe: req.timeframe },
                'no forecast for the snapshot',
              );
              return null;
            },
          );
          // A snapshot needs the series only as far back as its candles; a delta gets the whole window.
          const first = result.candles[0];
          result.analysis =
            computed && result.mode === 'snapshot' && first ? withSeriesFrom(computed, first.time) : computed;
          return result;
        } catch (err) {
          if (isNew) subscriptions.delete(key);
          throw err;
        }
      }),
    );

    socket.on(
      'unsubscribe',
      handle(logger, async (payload) => {
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
