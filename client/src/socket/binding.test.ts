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
import { bindStreams, type AppSocket } from './binding.ts';

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
  bindStreams(socket as unknown as AppSocket, { gunzip: textOnly }).attach(store);
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
    bindStreams(socket as unknown as AppSocket, { gunzip: textOnly }).attach(store);
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

describe('socket binding with several charts', () => {
  async function charts(count: number) {
    const socket = new FakeSocket();
    const binding = bindStreams(socket as unknown as AppSocket, { gunzip: textOnly });
    const stores = await Promise.all(Array.from({ length: count }, () => readyStore()));
    const detach = stores.map((store) => binding.attach(store));
    return { socket, stores, detach };
  }
  const subscriptions = (socket: FakeSocket) => socket.events().filter((e) => !e.startsWith('unsubscribe'));
  const unsubscriptions = (socket: FakeSocket) => socket.events().filter((e) => e.startsWith('unsubscribe'));

  it('subscribes once per stream and feeds every chart of it', async () => {
    const { socket, stores } = await charts(2);
    const [a, b] = stores as [AppStore, AppStore];
    socket.open();
    expect(socket.events()).toEqual(['subscribe BTC/USDT 1m']);

    const candles = minuteCandles(T0, 2);
    await socket
      .lastSubscribe()
      .answer(
        ok(subscribeResult('BTC/USDT', '1m', candles, 'snapshot', analysis('BTC/USDT', '1m', candles))),
      );
    socket.fire('candle', candleEvent('BTC/USDT', '1m', candle(T0 + 2 * MINUTE, 210)));

    for (const store of [a, b]) {
      expect(closes(store)).toEqual([
        [0, 100],
        [1, 101],
        [2, 210],
      ]);
      expect(store.getState().indicators.at(-1)?.ema20).toBe(209);
      expect(store.getState().analysis?.candleCount).toBe(2);
    }
  });

  it('keeps a stream another chart still shows, and releases it with the last one', async () => {
    const { socket, stores } = await charts(2);
    const [a, b] = stores as [AppStore, AppStore];
    socket.open();
    await socket.lastSubscribe().answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 2))));

    a.getState().selectSymbol('ETH/USDT');
    expect(socket.events()).toEqual(['subscribe BTC/USDT 1m', 'subscribe ETH/USDT 1m']);
    await socket.lastSubscribe().answer(ok(subscribeResult('ETH/USDT', '1m', minuteCandles(T0, 2, 3000))));
    socket.fire('candle', tick('BTC/USDT', T0 + 2 * MINUTE, 102));
    socket.fire('candle', tick('ETH/USDT', T0 + 2 * MINUTE, 3002));
    expect(closes(a).at(-1)).toEqual([2, 3002]);
    expect(closes(b).at(-1)).toEqual([2, 102]);

    b.getState().selectSymbol('ETH/USDT');
    expect(unsubscriptions(socket)).toEqual(['unsubscribe BTC/USDT 1m']);
    expect(subscriptions(socket)).toHaveLength(2);
  });

  it('shows at once, without asking the server, a stream another chart already holds', async () => {
    const { socket, stores } = await charts(2);
    const [a, b] = stores as [AppStore, AppStore];
    socket.open();
    b.getState().selectSymbol('ETH/USDT');
    const candles = minuteCandles(T0, 3, 3000);
    await socket
      .lastSubscribe()
      .answer(
        ok(subscribeResult('ETH/USDT', '1m', candles, 'snapshot', analysis('ETH/USDT', '1m', candles))),
      );
    const requests = socket.emitted.length;

    a.getState().selectSymbol('ETH/USDT');
    expect(socket.emitted.slice(requests).map((e) => `${e.event} ${e.payload.symbol}`)).toEqual([
      'unsubscribe BTC/USDT',
    ]);
    expect(a.getState()).toMatchObject({ loading: false, candles: b.getState().candles });
    expect(a.getState().indicators).toEqual(b.getState().indicators);
    expect(a.getState().analysis).toEqual(b.getState().analysis);
    expect(a.getState().streamStatus).toEqual(b.getState().streamStatus);
  });

  it('serves a chart that joins while the subscription is on its way with the same answer', async () => {
    const { socket, stores } = await charts(2);
    const [a, b] = stores as [AppStore, AppStore];
    socket.open();
    b.getState().selectSymbol('ETH/USDT');
    a.getState().selectSymbol('ETH/USDT');
    expect(subscriptions(socket)).toEqual(['subscribe BTC/USDT 1m', 'subscribe ETH/USDT 1m']);
    await socket.lastSubscribe().answer(ok(subscribeResult('ETH/USDT', '1m', minuteCandles(T0, 2, 3000))));
    expect(closes(a)).toEqual(closes(b));
    expect(a.getState().loading).toBe(false);
  });

  it('resubscribes each stream once after a reconnect, from its own last candle', async () => {
    const { socket, stores } = await charts(3);
    const [a, b, c] = stores as [AppStore, AppStore, AppStore];
    c.getState().selectStream({ symbol: 'ETH/USDT', timeframe: '5m' });
    socket.open();
    const [btc, eth] = socket.emitted;
    await btc!.answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3))));
    await eth!.answer(
      ok(subscribeResult('ETH/USDT', '5m', [candle(T0, 3000), candle(T0 + 5 * MINUTE, 3001)])),
    );

    socket.drop();
    socket.open();
    const again = socket.emitted.slice(2);
    expect(again.map((e) => e.payload)).toEqual([
      { symbol: 'BTC/USDT', timeframe: '1m', since: T0 + 2 * MINUTE },
      { symbol: 'ETH/USDT', timeframe: '5m', since: T0 + 5 * MINUTE },
    ]);
    await again[0]!.answer(
      ok(
        subscribeResult(
          'BTC/USDT',
          '1m',
          [candle(T0 + 2 * MINUTE, 120), candle(T0 + 3 * MINUTE, 130)],
          'delta',
        ),
      ),
    );
    for (const store of [a, b])
      expect(closes(store).slice(-2)).toEqual([
        [2, 120],
        [3, 130],
      ]);
    expect(c.getState().candles).toHaveLength(2);
  });

  it('gives a chart that joins during a catch-up the whole history, not just the missed candles', async () => {
    const { socket, stores } = await charts(2);
    const [a, b] = stores as [AppStore, AppStore];
    b.getState().selectSymbol('ETH/USDT');
    socket.open();
    await socket.emitted[0]!.answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3))));
    socket.drop();
    socket.open();
    const catchUp = socket.emitted.find((e, i) => i > 0 && e.payload.symbol === 'BTC/USDT')!;
    expect(catchUp.payload).toMatchObject({ since: T0 + 2 * MINUTE });
    b.getState().selectSymbol('BTC/USDT');

    await catchUp.answer(ok(subscribeResult('BTC/USDT', '1m', [candle(T0 + 3 * MINUTE, 130)], 'delta')));
    expect(closes(b)).toEqual(closes(a));
    expect(closes(b)).toHaveLength(4);
  });

  it('unsubscribes a stream when its last chart is removed from the layout', async () => {
    const { socket, stores, detach } = await charts(3);
    stores[2]!.getState().selectSymbol('SOL/USDT');
    socket.open();
    detach[1]!();
    detach[2]!();
    expect(unsubscriptions(socket)).toEqual(['unsubscribe SOL/USDT 1m']);
    detach[0]!();
    expect(unsubscriptions(socket)).toEqual(['unsubscribe SOL/USDT 1m', 'unsubscribe BTC/USDT 1m']);
    // A removed chart hears nothing more.
    await socket.emitted[0]!.answer(ok(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 2))));
    expect(stores[0]!.getState().candles).toEqual([]);
  });

  it('passes statuses, analyses and refusals only to the charts of their stream', async () => {
    const { socket, stores } = await charts(2);
    const [a, b] = stores as [AppStore, AppStore];
    b.getState().selectSymbol('ETH/USDT');
    socket.open();
    socket.fire('status', { source: 'replay', symbol: 'ETH/USDT', timeframe: '1m', state: 'stale' });
    expect(a.getState().streamStatus).toBeNull();
    expect(b.getState().streamStatus?.state).toBe('stale');

    await socket.lastSubscribe().answer({ ok: false, error: { code: 'UNKNOWN_SYMBOL', message: 'No ETH' } });
    expect(b.getState().subscribeError).toBe('No ETH');
    expect(a.getState().subscribeError).toBeNull();
    expect(a.getState().socketState).toBe('online');
  });
});
