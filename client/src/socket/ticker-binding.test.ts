import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Ack } from '../../../shared/errors.ts';
import type { Ticker, TickersSnapshot, TickersSubscribeRequest } from '../../../shared/tickers.ts';
import { createWatchlistStore } from '../watchlist/watchlist-store.ts';
import type { AppSocket } from './binding.ts';
import { bindTickers } from './ticker-binding.ts';

type Listener = (...args: unknown[]) => void;

interface Emitted {
  event: string;
  payload: TickersSubscribeRequest | Record<string, never>;
  answer: (ack: Ack<TickersSnapshot>) => void;
  timeOut: () => void;
}

/** Just enough of a socket.io client socket for the binding, driven by the test. */
class FakeSocket {
  connected = false;
  emitted: Emitted[] = [];
  private listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
  }
  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: string, payload: Emitted['payload'], ack: (...args: unknown[]) => void) {
    this.emitted.push({ event, payload, answer: (a) => ack(a), timeOut: () => ack({ ok: false }) });
  }
  timeout() {
    return {
      emit: (event: string, payload: Emitted['payload'], ack: (...args: unknown[]) => void) =>
        this.emitted.push({
          event,
          payload,
          answer: (a) => ack(null, a),
          timeOut: () => ack(new Error('operation has timed out')),
        }),
    };
  }
  /** The server pushes an event. */
  push(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  connect() {
    this.connected = true;
    this.push('connect');
  }
  drop() {
    this.connected = false;
    this.push('disconnect', 'transport close');
  }
  listenerCount() {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
}

const ticker = (symbol: string, last: number, time = 1_000): Ticker => ({
  symbol,
  last,
  change24hPercent: 2,
  high24h: last,
  low24h: last,
  sparkline: [last - 1],
  time,
});
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function bound() {
  const store = createWatchlistStore({ width: 1440 });
  const socket = new FakeSocket();
  const detach = bindTickers(store, socket as unknown as AppSocket);
  return { store, socket, detach };
}

describe('bindTickers', () => {
  it('follows the symbols on show, every symbol while a watchlist is open, and nothing once none is', async () => {
    const { store, socket } = bound();
    socket.connect();
    expect(socket.emitted).toEqual([]);

    const header = store.getState().need({ symbol: 'ETH/USDT' });
    await turn();
    expect(socket.emitted.map((e) => [e.event, e.payload])).toEqual([
      ['tickers:subscribe', { symbols: ['ETH/USDT'] }],
    ]);
    socket.emitted[0]!.answer({ ok: true, data: { tickers: [ticker('ETH/USDT', 3_000)] } });
    expect(store.getState().tickers['ETH/USDT']!.last).toBe(3_000);

    const list = store.getState().need('all');
    await turn();
    expect(socket.emitted.at(-1)!.payload).toEqual({});
    list();
    header();
    await turn();
    expect(socket.emitted.at(-1)!.event).toBe('tickers:unsubscribe');
  });

  it('asks once for a demand that comes and goes in one turn, as React StrictMode mounts do', async () => {
    const { store, socket } = bound();
    socket.connect();
    store.getState().need('all')();
    store.getState().need('all');
    await turn();
    expect(socket.emitted.map((e) => e.event)).toEqual(['tickers:subscribe']);
  });

  it('applies pushes, ignores the answer to a request overtaken by a newer one, and subscribes again after a reconnect', async () => {
    const { store, socket } = bound();
    socket.connect();
    store.getState().need({ symbol: 'BTC/USDT' });
    await turn();
    const stale = socket.emitted[0]!;
    store.getState().need('all');
    await turn();
    stale.answer({ ok: true, data: { tickers: [ticker('BTC/USDT', 1)] } });
    expect(store.getState().tickers).toEqual({});
    socket.emitted[1]!.answer({ ok: true, data: { tickers: [ticker('BTC/USDT', 50_000)] } });
    socket.push('tickers', { tickers: [{ ...ticker('BTC/USDT', 50_100, 2_000), sparkline: undefined }] });
    expect(store.getState().tickers['BTC/USDT']).toMatchObject({ last: 50_100, sparkline: [49_999] });

    socket.drop();
    socket.connect();
    expect(socket.emitted.at(-1)).toMatchObject({ event: 'tickers:subscribe', payload: {} });
  });

  it('says why when the server refuses, and asks again later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onTestFinished(() => void vi.useRealTimers());
    const { store, socket } = bound();
    socket.connect();
    store.getState().need('all');
    await turn();
    socket.emitted[0]!.answer({
      ok: false,
      error: { code: 'UPSTREAM_UNAVAILABLE', message: 'No prices have come from binance yet' },
    });
    expect(store.getState().error).toBe('No prices have come from binance yet');
    vi.advanceTimersByTime(4_900);
    expect(socket.emitted).toHaveLength(1);
    vi.advanceTimersByTime(200);
    expect(socket.emitted).toHaveLength(2);
    socket.emitted[1]!.answer({ ok: true, data: { tickers: [ticker('BTC/USDT', 50_000)] } });
    expect(store.getState().error).toBeNull();
  });

  it('detaches every listener, and tells the server', async () => {
    const { store, socket, detach } = bound();
    socket.connect();
    store.getState().need('all');
    await turn();
    detach();
    expect(socket.listenerCount()).toBe(0);
    expect(socket.emitted.at(-1)!.event).toBe('tickers:unsubscribe');
  });
});
