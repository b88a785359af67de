import { io, type Socket } from 'socket.io-client';
import type { Analysis } from '../../../shared/analysis.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import { streamKey } from '../../../shared/market-basics.ts';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeRequest,
  SubscribeResult,
  StreamStatus,
  CandleEvent,
} from '../../../shared/protocol.ts';
import { pointFromValues, type IndicatorPoint } from '../market/indicator-points.ts';
import type { StreamRef } from '../store/app-state.ts';
import type { SocketState } from '../store/connection-slice.ts';
import type { AppStore } from '../store/index.ts';
import { selectWantedStreamKey } from '../store/selectors.ts';
import { decodeSubscribeResponse, type Gunzip } from '../../../shared/snapshot.ts';
import { gunzip } from './gunzip.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 15_000;

/** The app's one socket: same origin, default path, not connected yet. */
export function createSocket(): AppSocket {
  // WebSocket first: starting on long polling and upgrading costs a second before the first subscribe.
  // Polling stays as the fallback where a proxy refuses WebSockets.
  return io({ autoConnect: false, transports: ['websocket', 'polling'], tryAllTransports: true });
}

/** Chart stores fed from one socket. */
export interface StreamBinding {
  /** Keeps the server subscribed to the store's selected stream and feeds it; returns the undo. */
  attach: (store: AppStore) => () => void;
  /** Detaches every store and listener. */
  close: () => void;
}

/** One stream as the server sees it, and every chart store showing it. */
interface StreamEntry {
  stream: StreamRef;
  stores: Set<AppStore>;
  /** Subscribed or subscribing on the server: false after a refusal or a lost connection. */
  onServer: boolean;
  /**
   * The subscription whose ack is awaited. Ticks of the stream wait here: merged before the snapshot
   * they would be thrown away, merged before a delta they would hide the older candles it brings.
   */
  pending: { id: number; ticks: CandleEvent[] } | null;
}

/**
 * Feeds any number of chart stores (the charts of a layout) from one socket, outside React: one
 * server subscription per distinct stream however many charts show it, released when the last of them
 * leaves, and every event passed to each chart of its stream. A chart that switches to a stream another
 * one already shows takes its candles at once, without asking the server.
 */
export function bindStreams(socket: AppSocket, options: { gunzip?: Gunzip } = {}): StreamBinding {
  const unzip = options.gunzip ?? gunzip;
  const entries = new Map<string, StreamEntry>();
  /** Each attached store, with the key of the entry it is in (null while it wants no stream) and its undo. */
  const attached = new Map<AppStore, { key: string | null; stop: () => void }>();
  let socketState: SocketState = 'connecting';
  let hasConnected = false;
  let lastRequestId = 0;

  const storesOf = (stream: StreamRef) => entries.get(streamKey(stream.symbol, stream.timeframe))?.stores;

  /** Candles first, then the indicator values at them, which the chart draws alongside. */
  function applyTicks(stores: Iterable<AppStore>, stream: StreamRef, ticks: readonly CandleEvent[]): void {
    // A candle that opens a period brings the final state of the one it closes: that goes first.
    const updates = ticks.flatMap((tick) => (tick.closed ? [tick.closed, tick] : [tick]));
    const candles = updates.map((u) => u.candle);
    const points: IndicatorPoint[] = [];
    for (const u of updates) if (u.indicators) points.push(pointFromValues(u.candle.time, u.indicators));
    for (const store of stores) {
      store.getState().applyCandles(stream, candles);
      if (points.length > 0) store.getState().applyIndicatorValues(stream, points);
    }
  }

  /** The ack of a subscription, for every store of the entry. */
  function applyResult(entry: StreamEntry, result: SubscribeResult, ticks: readonly CandleEvent[]): void {
    // A delta fills the gap of a store that has candles; one that joined meanwhile has none to fill.
    const fillable = [...entry.stores].filter(
      (store) => result.mode === 'snapshot' || store.getState().candles.length > 0,
    );
    for (const store of fillable) store.getState().applySubscribeResult(result);
    applyTicks(fillable, entry.stream, ticks);
    const source = fillable[0];
    for (const store of entry.stores)
      if (!fillable.includes(store) && source) store.getState().adoptStream(source.getState());
    if (!source) subscribe(entry);
  }

  function subscribe(entry: StreamEntry): void {
    if (!socket.connected) return;
    const { stream } = entry;
    // Candles still held for this stream mean a resubscription: ask only for what was missed.
    const since = [...entry.stores]
      .map((s) => s.getState().candles.at(-1)?.time)
      .find((t) => t !== undefined);
    const request: SubscribeRequest = since === undefined ? { ...stream } : { ...stream, since };
    const id = ++lastRequestId;
    const pending = { id, ticks: [] as CandleEvent[] };
    entry.pending = pending;
    entry.onServer = true;
    // Anything newer has asked again (a retry, a reconnection), or nobody watches the stream any more.
    const current = () => entry.pending === pending && entries.get(keyOf(stream)) === entry;
    const fail = (message: string) => {
      entry.pending = null;
      for (const store of entry.stores) store.getState().failSubscribe(stream, message);
    };

    socket.timeout(ACK_TIMEOUT_MS).emit('subscribe', request, (timeoutError, ack) => {
      if (!current()) return;
      if (timeoutError) {
        // While disconnected the next 'connect' resubscribes; only a silent live server is an error.
        if (socket.connected) fail('The server did not answer the subscription in time.');
        else entry.pending = null;
        return;
      }
      if (!ack.ok) {
        entry.onServer = false;
        fail(ack.error.message);
        return;
      }
      // Ticks keep arriving while the snapshot is decompressed; they wait in `pending` until it is in.
      decodeSubscribeResponse(ack.data, unzip).then(
        (result) => {
          if (!current()) return;
          entry.pending = null;
          applyResult(entry, result, pending.ticks);
        },
        () => {
          if (current()) fail('The snapshot from the server could not be read.');
        },
      );
    });
  }

  /** Puts a store in the entry of the stream it wants, leaving the one it was in. */
  function place(store: AppStore): void {
    const binding = attached.get(store);
    const wanted = selectWantedStreamKey(store.getState());
    if (!binding || binding.key === wanted) return;
    leave(store, binding.key);
    binding.key = wanted;
    if (wanted === null) return;

    const { symbol, timeframe } = store.getState();
    let entry = entries.get(wanted);
    if (!entry) {
      entry = { stream: { symbol, timeframe }, stores: new Set(), onServer: false, pending: null };
      entries.set(wanted, entry);
    }
    entry.stores.add(store);
    // Waiting for an ack: it serves this store too.
    if (entry.pending) return;
    const shown = [...entry.stores].find((s) => s !== store && isShown(s));
    if (shown) store.getState().adoptStream(shown.getState());
    else subscribe(entry);
  }

  function leave(store: AppStore, key: string | null): void {
    const entry = key === null ? undefined : entries.get(key);
    if (!entry) return;
    entry.stores.delete(store);
    if (entry.stores.size > 0) return;
    entries.delete(key as string);
    // Nothing to do with the answer: either way the server no longer sends this stream.
    if (entry.onServer && socket.connected) socket.emit('unsubscribe', entry.stream, () => undefined);
  }

  /** A retry asked for by the store (its subscribeAttempt): the whole stream is asked for again. */
  function retry(store: AppStore): void {
    const key = attached.get(store)?.key;
    const entry = key ? entries.get(key) : undefined;
    if (entry && !entry.pending) subscribe(entry);
  }

  function setSocketState(state: SocketState): void {
    socketState = state;
    for (const store of attached.keys()) store.getState().setSocketState(state);
  }

  const onCandle = (event: CandleEvent) => {
    const entry = entries.get(keyOf(event));
    if (entry?.pending) entry.pending.ticks.push(event);
    else if (entry) applyTicks(entry.stores, event, [event]);
  };
  const onStatus = (status: StreamStatus) => {
    for (const store of storesOf(status) ?? []) store.getState().setStreamStatus(status);
  };
  const onAnalysis = (analysis: Analysis) => {
    for (const store of storesOf(analysis) ?? []) store.getState().applyAnalysis(analysis);
  };
  const onPrediction = (prediction: Prediction) => {
    for (const store of storesOf(prediction) ?? []) store.getState().applyPrediction(prediction);
  };
  const onConnect = () => {
    hasConnected = true;
    setSocketState('online');
    // A new connection starts with no subscriptions on the server.
    for (const entry of entries.values()) subscribe(entry);
  };
  const onDisconnect = (reason: Socket.DisconnectReason) => {
    for (const entry of entries.values()) entry.onServer = false;
    // After a deliberate disconnect by either side socket.io does not retry; a server restart shows up
    // as a lost transport instead, which it does retry. Reconnecting a kicked socket could loop.
    const final = reason === 'io client disconnect' || reason === 'io server disconnect';
    setSocketState(final ? 'offline' : 'reconnecting');
  };
  const onConnectError = () => {
    // Inactive means the server refused us rather than being unreachable; socket.io will not retry.
    if (!socket.active) setSocketState('offline');
  };
  const onReconnectAttempt = () => setSocketState(hasConnected ? 'reconnecting' : 'connecting');
  const onReconnectFailed = () => setSocketState('offline');

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

  const detach = (store: AppStore) => {
    const binding = attached.get(store);
    if (!binding) return;
    binding.stop();
    attached.delete(store);
    leave(store, binding.key);
  };

  return {
    attach(store) {
      if (attached.has(store)) return () => detach(store);
      const stop = store.subscribe((state, previous) => {
        if (selectWantedStreamKey(state) !== selectWantedStreamKey(previous)) place(store);
        else if (state.subscribeAttempt !== previous.subscribeAttempt) retry(store);
      });
      attached.set(store, { key: null, stop });
      store.getState().setSocketState(socketState);
      place(store);
      return () => detach(store);
    },
    close() {
      for (const store of [...attached.keys()]) detach(store);
      socket.off('candle', onCandle);
      socket.off('status', onStatus);
      socket.off('analysis', onAnalysis);
      socket.off('prediction', onPrediction);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.io.off('reconnect_attempt', onReconnectAttempt);
      socket.io.off('reconnect_failed', onReconnectFailed);
    },
  };
}

const keyOf = (stream: StreamRef) => streamKey(stream.symbol, stream.timeframe);

/** Candles of its stream on screen: what another chart of the stream can take over. */
function isShown(store: AppStore): boolean {
  const state = store.getState();
  return !state.loading && state.subscribeError === null;
}
