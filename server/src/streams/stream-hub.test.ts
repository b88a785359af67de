import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Candle, Timeframe } from '../../../shared/market.ts';
import { silentLogger } from '../kernel/logger.ts';
import { MarketService } from '../market/market-service.ts';
import type { FetchCandlesOptions, MarketSource, WatchHandlers } from '../market/port.ts';
import { Cached } from '../cache/cached.ts';
import { createMemoryCache } from '../cache/memory/memory-cache.ts';
import type { StreamId } from './port.ts';
import { createStreams } from './recent-candles.ts';
import { StreamHub, type StreamPublisher } from './stream-hub.ts';

const M = 60_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % M);
const c = (i: number, close = 100 + i): Candle => ({
  time: T0 + i * M,
  open: 100,
  high: 200,
  low: 50,
  close,
  volume: 1,
});

/** A market whose history and live feed the test writes by hand. */
class ScriptedSource implements MarketSource {
  readonly info = { id: 'scripted', kind: 'exchange' as const, label: 'Scripted' };
  readonly fetchTimeframes: Timeframe[] = ['1m'];
  readonly watchTimeframes: Timeframe[] = ['1m'];
  history: Candle[] = [];
  handlers?: WatchHandlers;
  fetches = 0;
  async loadSymbols() {
    return [{ symbol: 'X/USDT', base: 'X', quote: 'USDT', pricePrecision: 2 }];
  }
  async fetchCandles(_s: string, _t: Timeframe, { since, limit }: FetchCandlesOptions) {
    this.fetches++;
    const from = this.history.filter((x) => since === undefined || x.time >= since);
    return since === undefined ? from.slice(-limit) : from.slice(0, limit);
  }
  watchCandles(_s: string, _t: Timeframe, handlers: WatchHandlers) {
    this.handlers = handlers;
    return () => (this.handlers = undefined);
  }
  async close() {}
}

async function setup(lingerMs = 0) {
  const source = new ScriptedSource();
  source.history = [c(0), c(1), c(2)];
  const market = new MarketService(source, () => T0 + 2 * M, silentLogger);
  await market.start();
  const published: Array<{ candle: Candle; reliable: boolean }> = [];
  const publisher: StreamPublisher = {
    candle: (event, reliable) => {
      if (event.closed) published.push({ candle: event.closed.candle, reliable });
      published.push({ candle: event.candle, reliable });
    },
    status: () => {},
  };
  const hub = new StreamHub(market, publisher, { storeLimit: 100, logger: silentLogger, lingerMs });
  await hub.subscribe('a', 'X/USDT', '1m', { limit: 100 });
  return { source, market, hub, published };
}

describe('StreamHub', () => {
  it("sends a closing candle's final state reliably with the next one, and ticks volatile", async () => {
    const { source, published } = await setup();
    source.handlers!.onCandle(c(2, 150));
    source.handlers!.onCandle(c(3));
    expect(published.map((p) => [p.candle.time, p.candle.close, p.reliable])).toEqual([
      [T0 + 2 * M, 150, false],
      [T0 + 2 * M, 150, true],
      [T0 + 3 * M, 103, true],
    ]);
  });

  it('fills a hole in the feed from history before passing newer candles on, in order', async () => {
    const { source, hub, published } = await setup();
    source.history = [c(0), c(1), c(2), c(3), c(4), c(5), c(6)];
    source.handlers!.onCandle(c(6));
    source.handlers!.onCandle(c(6, 199));
    await new Promise((r) => setTimeout(r, 20));
    const times = published.map((p) => (p.candle.time - T0) / M);
    expect(times.filter((t, i) => i === 0 || t !== times[i - 1])).toEqual([2, 3, 4, 5, 6]);
    expect(hub.latest('X/USDT', '1m', 10)!.map((x) => (x.time - T0) / M)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(hub.latest('X/USDT', '1m', 1)![0]!.close).toBe(199);
  });

  it('stops the upstream feed when the last subscriber leaves', async () => {
    const { source, hub } = await setup();
    await hub.subscribe('b', 'X/USDT', '1m', { limit: 10 });
    hub.unsubscribe('a', 'X/USDT', '1m');
    expect(source.handlers).toBeDefined();
    hub.releaseAll('b');
    expect(source.handlers).toBeUndefined();
    expect(hub.streamCount).toBe(0);
  });

  describe('with a linger time', () => {
    afterEach(() => vi.useRealTimers());

    it('keeps an unwatched stream open that long, and a subscriber meanwhile finds it warm', async () => {
      const { source, hub } = await setup(30_000);
      vi.useFakeTimers();
      const fetched = source.fetches;
      hub.releaseAll('a');
      vi.advanceTimersByTime(29_000);
      expect(hub.streamCount).toBe(1);
      const snapshot = await hub.subscribe('b', 'X/USDT', '1m', { limit: 10 });
      expect(snapshot.candles).toHaveLength(3);
      expect(source.fetches).toBe(fetched);
      vi.advanceTimersByTime(60_000);
      expect(source.handlers).toBeDefined();

      hub.unsubscribe('b', 'X/USDT', '1m');
      vi.advanceTimersByTime(29_000);
      expect(source.handlers).toBeDefined();
      vi.advanceTimersByTime(1_000);
      expect(source.handlers).toBeUndefined();
      expect(hub.streamCount).toBe(0);
    });
  });
});

describe('Streams', () => {
  it('tells listeners when a candle closes, not on ticks, until they stop listening', async () => {
    const { source, hub } = await setup();
    const closed: StreamId[] = [];
    const stop = hub.onCandleClosed((s) => closed.push(s));
    source.handlers!.onCandle(c(2, 150));
    expect(closed).toEqual([]);
    source.handlers!.onCandle(c(3));
    expect(closed).toEqual([{ symbol: 'X/USDT', timeframe: '1m', viewed: true }]);
    stop();
    source.handlers!.onCandle(c(4));
    expect(closed).toHaveLength(1);
  });

  it('reads a watched stream from memory, and any other through the cache: one fetch per minute whatever the limit', async () => {
    const { source, market, hub } = await setup();
    const streams = createStreams({
      hub,
      market,
      cached: new Cached(createMemoryCache(), silentLogger),
      clock: () => T0 + 2 * M,
    });
    const fetched = source.fetches;
    source.handlers!.onCandle(c(2, 150));
    expect((await streams.recent('X/USDT', '1m', 2)).map((x) => x.close)).toEqual([101, 150]);
    expect(streams.watched()).toEqual([{ symbol: 'X/USDT', timeframe: '1m' }]);
    expect(source.fetches).toBe(fetched);

    hub.releaseAll('a');
    expect(streams.watched()).toEqual([]);
    const cold = await Promise.all([5, 1, 999, 3].map((n) => streams.recent('X/USDT', '1m', n)));
    expect(cold.map((candles) => candles.length)).toEqual([3, 1, 3, 3]);
    expect(cold[1]![0]!.time).toBe(T0 + 2 * M);
    expect(source.fetches).toBe(fetched + 1);
    await expect(streams.recent('NOPE/USDT', '1m', 5)).rejects.toThrow(/Unknown symbol/);
  });

  it('a read racing a stream while it opens waits for its history instead of fetching it again', async () => {
    const { source, market, hub } = await setup();
    const streams = createStreams({
      hub,
      market,
      cached: new Cached(createMemoryCache(), silentLogger),
      clock: () => T0 + 2 * M,
    });
    hub.releaseAll('a');
    const fetched = source.fetches;
    const opening = hub.subscribe('b', 'X/USDT', '1m', { limit: 10 });
    const read = await streams.recent('X/USDT', '1m', 2);
    await opening;
    expect(read.map((x) => x.time)).toEqual([T0 + M, T0 + 2 * M]);
    expect(source.fetches).toBe(fetched + 1);
  });
  it('keeps a stream open for a background subscriber without counting it as viewed', async () => {
    const { source, hub } = await setup();
    const closed: Array<StreamId & { viewed: boolean }> = [];
    hub.onCandleClosed((event) => closed.push(event));
    await hub.subscribe('alerts:watcher', 'X/USDT', '1m', { limit: 10, background: true });
    expect(hub.viewed()).toEqual([{ symbol: 'X/USDT', timeframe: '1m' }]);

    // The viewer leaves: the stream stays open and ticking for the alerts, but nobody views it.
    hub.unsubscribe('a', 'X/USDT', '1m');
    expect(hub.watched()).toEqual([{ symbol: 'X/USDT', timeframe: '1m' }]);
    expect(hub.viewed()).toEqual([]);
    source.handlers!.onCandle(c(3));
    expect(closed.at(-1)).toEqual({ symbol: 'X/USDT', timeframe: '1m', viewed: false });

    // A viewer again: its candles close as viewed.
    await hub.subscribe('b', 'X/USDT', '1m', { limit: 10 });
    expect(hub.viewed()).toEqual([{ symbol: 'X/USDT', timeframe: '1m' }]);
    source.handlers!.onCandle(c(4));
    expect(closed.at(-1)).toEqual({ symbol: 'X/USDT', timeframe: '1m', viewed: true });
  });
});
