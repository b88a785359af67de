import { io, type Socket } from 'socket.io-client';
import type { Analysis } from '../../../shared/analysis.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import { streamKey } from '../../../shared/market-basics.ts';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeRequest,
  StreamStatus,
  CandleEvent,
} from '../../../shared/protocol.ts';
import { pointFromValues, type IndicatorPoint } from '../market/indicator-points.ts';
import { isSameStream, type StreamRef } from '../store/app-state.ts';
import type { AppStore } from '../store/index.ts';
import { selectWantedStreamKey } from '../store/selectors.ts';
import { decodeSubscribeResponse, type Gunzip } from '../../../shared/snapshot.ts';
import { gunzip } from './gunzip.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 15_000;

/** Creates the app's one socket (same origin, default path) and binds it to the store. */
export function connectSocket(store: AppStore): AppSocket {
  // WebSocket first: starting on long polling and upgrading costs a second before the first subscribe.
  // Polling stays as the fallback where a proxy refuses WebSockets.
  const socket: AppSocket = io({
    autoConnect: false,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
  bindSocket(store, socket);
  socket.connect();
  return socket;
}

/**
 * Keeps the server subscribed to the selected stream and writes what arrives into the store, outside
 * React. Returns a function that detaches every listener.
 */
export function bindSocket(
  store: AppStore,
  socket: AppSocket,
  options: { gunzip?: Gunzip } = {},
): () => void {
  const unzip = options.gunzip ?? gunzip;
  const actions = () => store.getState();
  let hasConnected = false;
  /** The stream this connection is subscribed or subscribing to on the server. */
  let subscribed: StreamRef | null = null;
  /**
   * The subscription whose ack is awaited. Ticks of its stream wait here: merged before the snapshot
   * they would be thrown away, merged before a delta they would hide the older candles it brings.
   */
  let pending: { id: number; stream: StreamRef; ticks: CandleEvent[] } | null = null;
  let lastRequestId = 0;

  /** Candles first, then the indicator values at them, which the chart draws alongside. */
  function applyTicks(stream: StreamRef, ticks: readonly CandleEvent[]): void {
    // A candle that opens a period brings the final state of the one it closes: that goes first.
    const updates = ticks.flatMap((tick) => (tick.closed ? [tick.closed, tick] : [tick]));
    actions().applyCandles(
      stream,
      updates.map((u) => u.candle),
    );
    const points: IndicatorPoint[] = [];
    for (const u of updates) if (u.indicators) points.push(pointFromValues(u.candle.time, u.indicators));
    if (points.length > 0) actions().applyIndicatorValues(stream, points);
  }

  function subscribeSelected(): void {
    const state = store.getState();
    if (!socket.connected || selectWantedStreamKey(state) === null) return;
    const stream: StreamRef = { symbol: state.symbol, timeframe: state.timeframe };
    // Candles still held for this stream mean a resubscription: ask only for what was missed.
    const since = state.candles.at(-1)?.time;
    const request: SubscribeRequest = since === undefined ? { ...stream } : { ...stream, since };
    const id = ++lastRequestId;
    const ticks: CandleEvent[] = [];
    pending = { id, stream, ticks };
    subscribed = stream;

    socket.timeout(ACK_TIMEOUT_MS).emit('subscribe', request, (timeoutError, ack) => {
      // A newer selection or reconnection has asked again; this answer is about the past.
      if (id !== lastRequestId) return;
      pending = null;
      if (timeoutError) {
        // While disconnected the next 'connect' resubscribes; only a silent live server is an error.
        if (socket.connected)
          actions().failSubscribe(stream, 'The server did not answer the subscription in time.');
        return;
      }
      if (!ack.ok) {
        subscribed = null;
        actions().failSubscribe(stream, ack.error.message);
        return;
      }
      // Ticks keep arriving while the snapshot is decompressed; they wait in `pending` until it is in.
      pending = { id, stream, ticks };
      decodeSubscribeResponse(ack.data, unzip).then(
        (result) => {
          if (id !== lastRequestId) return;
          pending = null;
          actions().applySubscribeResult(result);
          applyTicks(stream, ticks);
        },
        () => {
          if (id !== lastRequestId) return;
          pending = null;
          actions().failSubscribe(stream, 'The snapshot from the server could not be read.');
        },
      );
    });
  }

  const stopWatchingSelection = store.subscribe((state, previous) => {
    const wanted = selectWantedStreamKey(state);
    if (wanted === selectWantedStreamKey(previous) && state.subscribeAttempt === previous.subscribeAttempt)
      return;
    if (!socket.connected) return;
    if (subscribed && streamKey(subscribed.symbol, subscribed.timeframe) !== wanted) {
      // Nothing to do with the answer: either way the server no longer sends this stream.
      socket.emit('unsubscribe', subscribed, () => undefined);
      subscribed = null;
    }
    subscribeSelected();
  });

  const onCandle = (event: CandleEvent) => {
    if (pending && isSameStream(pending.stream, event)) pending.ticks.push(event);
    else applyTicks(event, [event]);
  };
  const onStatus = (status: StreamStatus) => actions().setStreamStatus(status);
  const onAnalysis = (analysis: Analysis) => actions().applyAnalysis(analysis);
  const onPrediction = (prediction: Prediction) => actions().applyPrediction(prediction);
  const onConnect = () => {
    hasConnected = true;
    // A new connection starts with no subscriptions on the server.
    subscribed = null;
    actions().setSocketState('online');
    subscribeSelected();
  };
  const onDisconnect = (reason: Socket.DisconnectReason) => {
    // After a deliberate disconnect by either side socket.io does not retry; a server restart shows up
    // as a lost transport instead, which it does retry. Reconnecting a kicked socket could loop.
    const final = reason === 'io client disconnect' || reason === 'io server disconnect';
    actions().setSocketState(final ? 'offline' : 'reconnecting');
  };
  const onConnectError = () => {
    // Inactive means the server refused us rather than being unreachable; socket.io will not retry.
    if (!socket.active) actions().setSocketState('offline');
  };
  const onReconnectAttempt = () => actions().setSocketState(hasConnected ? 'reconnecting' : 'connecting');
  const onReconnectFailed = () => actions().setSocketState('offline');

  socket.on('candle', onCandle);
  socket.on('status', onStatus);
  socket.on('analysis', onAnalysis);
  socket.on('prediction', onPrediction);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  socket.io.on('reconnect_attempt', onReconnectAttempt);
  socket.io.on('reconnect_failed', onReconnectFailed);
  if (socket.connected) onConnect();

  return () => {
    stopWatchingSelection();
    socket.off('candle', onCandle);
    socket.off('status', onStatus);
    socket.off('analysis', onAnalysis);
    socket.off('prediction', onPrediction);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
    socket.io.off('reconnect_attempt', onReconnectAttempt);
    socket.io.off('reconnect_failed', onReconnectFailed);
  };
}
