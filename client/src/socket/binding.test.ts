import { describe, expect, it } from 'vitest';
import type { Ack } from '../../../shared/errors.ts';
import type { SubscribeRequest, SubscribeResult } from '../../../shared/protocol.ts';
import { SNAPSHOT_ENCODING, encodeSnapshotBody, type SubscribeResponse } from '../../../shared/snapshot.ts';
import type { SymbolsResponse } from '../../../shared/http.ts';
import { createAppStore } from '../store/create-app-store.ts';
import type { AppStore } from '../store/index.ts';
import {
  analysis,
  candle,
  candleEvent,
  MINUTE,
  minuteCandles,
  readyStore,
  subscribeResult,
  SYMBOLS,
  T0,
} from '../test-support.ts';
import { bindSocket, type AppSocket } from './binding.ts';

type Listener = (...args: unknown[]) => void;

interface Emitted {
  event: string;
  payload: SubscribeRequest;
  /** Answers as the server would (the snapshot encoded), then lets the binding decode it. */
  answer: (ack: Ack<SubscribeResult>) => Promise<void>;
  timeOut: () => void;
}

/** The encoding the server sends, minus gzip: the test's gunzip below only decodes the text. */
function encoded(ack: Ack<SubscribeResult>): Ack<SubscribeResponse> {
  if (!ack.ok) return ack;
  const { candles, analysis, prediction, ...rest } = ack.data;
  const body = new TextEncoder().encode(
    encodeSnapshotBody({ candles: candles.slice(0, -1), analysis, prediction }),
  );
  return { ok: true, data: { ...rest, encoding: SNAPSHOT_ENCODING, body, forming: candles.at(-1) ?? null } };
}
const textOnly = async (bytes: Uint8Array) => new TextDecoder().decode(bytes);
/** Decoding above settles in microtasks only; a macrotask later it is all applied. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Just enough of a socket.io client socket for the binding, driven by the test. */
class FakeSocket {
  connected = false;
  active = true;
  emitted: Emitted[] = [];
  private listeners = new Map<string, Set<Listener>>();
  private managerListeners = new Map<string, Set<Listener>>();

  io = {
    on: (event: string, listener: Listener) => add(this.managerListeners, event, listener),
    off: (event: string, listener: Listener) => this.managerListeners.get(event)?.delete(listener),
  };

  on(event: string, listener: Listener) {
    add(this.listeners, event, listener);
  }
  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: string, payload: SubscribeRequest, ack: (response: unknown) => void) {
    this.emitted.push({
      event,
      payload,
      answer: async (response) => {
        ack(encoded(response));
        await settled();
      },
      timeOut: () => undefined,
    });
  }
  timeout() {
    return {
      emit: (
        event: string,
        payload: SubscribeRequest,
        ack: (error: Error | null, response?: unknown) => void,
      ) => {
        this.emitted.push({
          event,
          payload,
          answer: async (response) => {
            ack(null, encoded(response));
            await settled();
          },
          timeOut: () => ack(new Error('timeout')),
        });
      },
    };
  }

  // Test drivers: what the server and the socket.io manager would do.
  fire(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  fireManager(event: string) {
    for (const listener of this.managerListeners.get(event) ?? []) listener();
  }
  open() {
    this.connected = true;
    this.fire('connect');
  }
  drop(reason = 'transport close') {
    this.connected = false;
    this.fire('disconnect', reason);
  }
  lastSubscribe(): Emitted {
    const found = this.emitted.filter((e) => e.event === 'subscribe').at(-1);
    if (!found) throw new Error('nothing subscribed');
    return found;
  }
  events(): string[] {
    return this.emitted.map((e) => `${e.event} ${e.payload.symbol} ${e.payload.timeframe}`);
  }
}

function add(map: Map<string, Set<Listener>>, event: string, listener: Listener) {
  if (!map.has(event)) map.set(event, new Set());
  map.get(event)?.add(listener);
}

async function bound(): Promise<{ store: AppStore; socket: FakeSocket }> {
  const store = await readyStore();
  const socket = new FakeSocket();
  bindSocket(store, socket as unknown as AppSocket, { gunzip: textOnly });
  return { store, socket };
}

const ok = (data: SubscribeResult): Ack<SubscribeResult> => ({ ok: true, data });
const tick = (symbol: string, time: number, close: number) => ({
  symbol,
  timeframe: '1m',
  candle: candle(time, close),
});
const closes = (store: AppStore) => store.getState().candles.map((c) => [(c.time - T0) / MINUTE, c.close]);

describe('socket binding', () => {
  it('subscribes once connected, and applies ticks that beat the snapshot after it', async () => {
    const { store, socket } = await bound();
    socket.open();
    expect(socket.lastSubscribe().payload).toEqual({ symbol: 'BTC/USDT', timeframe: '1m' });

    socket.fire('candle', tick('BTC/USDT', T0 + 2 * MINUTE, 200));
    await socket.lastSubscribe().answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 2))));

    expect(store.getState().loading).toBe(false);
    expect(closes(store)).toEqual([
      [0, 100],
      [1, 101],
      [2, 200],
    ]);
  });

  it('waits for the symbol list before subscribing', async () => {
    let release: (symbols: SymbolsResponse) => void = () => undefined;
    const store = createAppStore({ fetchSymbols: () => new Promise((resolve) => (release = resolve)) });
    const socket = new FakeSocket();
    bindSocket(store, socket as unknown as AppSocket, { gunzip: textOnly });
    const loaded = store.getState().loadSymbols();
    socket.open();
    expect(socket.emitted).toEqual([]);

    release(SYMBOLS);
    await loaded;
    expect(socket.events()).toEqual(['subscribe BTC/USDT 1m']);
  });

  it('unsubscribes the old stream on a switch and ignores its late ack and ticks', async () => {
    const { store, socket } = await bound();
    socket.open();
    const btcRequest = socket.lastSubscribe();

    store.getState().selectSymbol('ETH/USDT');
    expect(socket.events()).toEqual([
      'subscribe BTC/USDT 1m',
      'unsubscribe BTC/USDT 1m',
      'subscribe ETH/USDT 1m',
    ]);

    await btcRequest.answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 5))));
    socket.fire('candle', tick('BTC/USDT', T0 + 5 * MINUTE, 999));
    expect(store.getState()).toMatchObject({ loading: true, candles: [] });

    await socket.lastSubscribe().answer(ok(subscribeResult('ETH/USDT', '1m', minuteCandles(T0, 2, 3000))));
    socket.fire('candle', tick('BTC/USDT', T0 + 6 * MINUTE, 999));
    expect(closes(store)).toEqual([
      [0, 3000],
      [1, 3001],
    ]);
  });

  it('ignores the ack of an earlier request for the same stream after switching away and back', async () => {
    const { store, socket } = await bound();
    socket.open();
    const first = socket.lastSubscribe();
    store.getState().selectSymbol('ETH/USDT');
    store.getState().selectSymbol('BTC/USDT');
    const second = socket.lastSubscribe();
    expect(second).not.toBe(first);

    await first.answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 2))));
    expect(store.getState().loading).toBe(true);

    await second.answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0 + MINUTE, 2, 500))));
    expect(closes(store)).toEqual([
      [1, 500],
      [2, 501],
    ]);
  });

  it('resubscribes after a reconnect from the last candle and fills the gap in order', async () => {
    const { store, socket } = await bound();
    socket.open();
    await socket.lastSubscribe().answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3))));
    const version = store.getState().snapshotVersion;

    socket.drop();
    socket.open();
    expect(socket.lastSubscribe().payload).toEqual({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      since: T0 + 2 * MINUTE,
    });

    // A live tick overtakes the ack: merged first it would hide the missed candles.
    socket.fire('candle', tick('BTC/USDT', T0 + 5 * MINUTE, 160));
    const delta = [
      candle(T0 + 2 * MINUTE, 120),
      candle(T0 + 3 * MINUTE, 130),
      candle(T0 + 4 * MINUTE, 140),
      candle(T0 + 5 * MINUTE, 150),
    ];
    await socket.lastSubscribe().answer(ok(subscribeResult('BTC/USDT', '1m', delta, 'delta')));

    expect(closes(store)).toEqual([
      [0, 100],
      [1, 101],
      [2, 120],
      [3, 130],
      [4, 140],
      [5, 160],
    ]);
    expect(store.getState().snapshotVersion).toBe(version);
    expect(socket.events().filter((e) => e.startsWith('unsubscribe'))).toEqual([]);
  });

  it('replaces everything when the server answers a resubscription with a snapshot', async () => {
    const { store, socket } = await bound();
    socket.open();
    await socket.lastSubscribe().answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3))));
    socket.drop();
    socket.open();
    await socket
      .lastSubscribe()
      .answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0 + 100 * MINUTE, 2, 7))));
    expect(closes(store)).toEqual([
      [100, 7],
      [101, 8],
    ]);
  });

  it('shows a refused subscription and subscribes again on retry', async () => {
    const { store, socket } = await bound();
    socket.open();
    await socket
      .lastSubscribe()
      .answer({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: 'Binance is unreachable' } });
    expect(store.getState().subscribeError).toBe('Binance is unreachable');

    store.getState().retrySubscribe();
    expect(socket.events()).toEqual(['subscribe BTC/USDT 1m', 'subscribe BTC/USDT 1m']);
    await socket.lastSubscribe().answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 1))));
    expect(store.getState()).toMatchObject({ subscribeError: null, loading: false });
  });

  it('reports an unanswered subscription only while connected', async () => {
    const { store, socket } = await bound();
    socket.open();
    socket.drop();
    socket.lastSubscribe().timeOut();
    expect(store.getState().subscribeError).toBeNull();

    socket.open();
    socket.lastSubscribe().timeOut();
    expect(store.getState().subscribeError).toMatch(/did not answer/);
  });

  it('tracks the connection state', async () => {
    const { store, socket } = await bound();
    const state = () => store.getState().socketState;
    expect(state()).toBe('connecting');
    socket.fireManager('reconnect_attempt');
    expect(state()).toBe('connecting');
    socket.open();
    expect(state()).toBe('online');
    socket.drop('transport close');
    expect(state()).toBe('reconnecting');
    socket.fireManager('reconnect_attempt');
    expect(state()).toBe('reconnecting');
    socket.open();
    socket.drop('io server disconnect');
    expect(state()).toBe('offline');
    socket.open();
    socket.active = false;
    socket.fire('connect_error', new Error('refused'));
    expect(state()).toBe('offline');
  });

  it('passes on the status of the selected stream only', async () => {
    const { store, socket } = await bound();
    socket.open();
    socket.fire('status', { source: 'replay', symbol: 'ETH/USDT', timeframe: '1m', state: 'stale' });
    expect(store.getState().streamStatus).toBeNull();
    socket.fire('status', {
      source: 'replay',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      state: 'reconnecting',
      detail: 'retry 2',
    });
    expect(store.getState().streamStatus).toMatchObject({ state: 'reconnecting', detail: 'retry 2' });
  });

  it('merges the indicator values of candle events, also those that waited for the ack', async () => {
    const { store, socket } = await bound();
    socket.open();
    socket.fire('candle', candleEvent('BTC/USDT', '1m', candle(T0 + 2 * MINUTE, 200)));
    const candles = minuteCandles(T0, 2);
    await socket
      .lastSubscribe()
      .answer(
        ok(subscribeResult('BTC/USDT', '1m', candles, 'snapshot', analysis('BTC/USDT', '1m', candles))),
      );
    socket.fire('candle', candleEvent('BTC/USDT', '1m', candle(T0 + 2 * MINUTE, 210)));
    socket.fire('candle', candleEvent('ETH/USDT', '1m', candle(T0 + 3 * MINUTE, 3000)));
    socket.fire('candle', candleEvent('BTC/USDT', '1m', candle(T0 + 3 * MINUTE, 220), false));

    expect(store.getState().indicators.map((p) => [(p.time - T0) / MINUTE, p.ema20])).toEqual([
      [0, 99],
      [1, 100],
      [2, 209],
    ]);
    expect(closes(store).at(-1)).toEqual([3, 220]);
  });

  it('passes on analysis events of the selected stream only', async () => {
    const { store, socket } = await bound();
    socket.open();
    const candles = minuteCandles(T0, 2);
    await socket.lastSubscribe().answer(ok(subscribeResult('BTC/USDT', '1m', candles)));

    const { series: _series, ...event } = analysis('BTC/USDT', '1m', candles, {
      computedAt: T0 + 9 * MINUTE,
    });
    socket.fire('analysis', { ...event, symbol: 'ETH/USDT' });
    expect(store.getState().analysis).toBeNull();
    socket.fire('analysis', event);
    expect(store.getState().analysis?.computedAt).toBe(T0 + 9 * MINUTE);
  });
});
