import { describe, expect, it } from 'vitest';
import { candle, MINUTE, minuteCandles, readyStore, subscribeResult, SYMBOLS, T0 } from '../test-support.ts';
import { createAppStore } from './create-app-store.ts';

const BTC = { symbol: 'BTC/USDT', timeframe: '1m' } as const;
const ETH = { symbol: 'ETH/USDT', timeframe: '1m' } as const;

describe('loading the symbol list', () => {
  const storeAt = async (selection: { symbol: string; timeframe: '1h' | '4h' }) => {
    const store = createAppStore({ fetchSymbols: async () => SYMBOLS });
    // A saved workspace's stream, asked for before the list is known.
    store.getState().selectStream(selection);
    await store.getState().loadSymbols();
    return store;
  };

  it('keeps a stream chosen before it loaded when that stream is offered', async () => {
    const state = (await storeAt({ symbol: 'SOL/USDT', timeframe: '1h' })).getState();
    expect([state.symbolsStatus, state.symbol, state.timeframe]).toEqual(['ready', 'SOL/USDT', '1h']);
    expect(state.source?.kind).toBe('replay');
  });

  it('falls back to BTC/USDT 1m when the chosen stream is not offered', async () => {
    const store = await storeAt({ symbol: 'DOGE/USDT', timeframe: '4h' });
    expect([store.getState().symbol, store.getState().timeframe]).toEqual(['BTC/USDT', '1m']);
  });

  it('reports a failure, and a retry recovers', async () => {
    let fail = true;
    const store = createAppStore({
      fetchSymbols: async () => {
        if (fail) throw new Error('Cannot reach the TrendScope server.');
        return SYMBOLS;
      },
    });
    await store.getState().loadSymbols();
    expect(store.getState()).toMatchObject({
      symbolsStatus: 'error',
      symbolsError: 'Cannot reach the TrendScope server.',
      loading: false,
    });
    fail = false;
    await store.getState().loadSymbols();
    expect(store.getState()).toMatchObject({ symbolsStatus: 'ready', symbolsError: null, loading: true });
  });
});

describe('selecting a stream', () => {
  it('clears the old stream and waits for a snapshot', async () => {
    const store = await readyStore();
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3)));
    store.getState().setStreamStatus({ source: 'replay', ...BTC, state: 'stale' });
    const version = store.getState().snapshotVersion;

    store.getState().selectSymbol('ETH/USDT');

    expect(store.getState()).toMatchObject({
      symbol: 'ETH/USDT',
      candles: [],
      loading: true,
      streamStatus: null,
    });
    expect(store.getState().snapshotVersion).toBe(version + 1);
  });

  it('ignores symbols and timeframes the server does not offer', async () => {
    const store = await readyStore();
    store.getState().selectSymbol('DOGE/USDT');
    store.getState().selectTimeframe('4h');
    expect([store.getState().symbol, store.getState().timeframe]).toEqual(['BTC/USDT', '1m']);
  });

  it('switches symbol and timeframe in one step, and only to an offered pair', async () => {
    const store = await readyStore();
    const seen: string[] = [];
    store.subscribe((state) => seen.push(`${state.symbol} ${state.timeframe}`));
    store.getState().selectStream({ symbol: 'ETH/USDT', timeframe: '1h' });
    store.getState().selectStream({ symbol: 'SOL/USDT', timeframe: '4h' });
    expect(seen).toEqual(['ETH/USDT 1h']);
  });
});

describe('taking over a stream another chart shows', () => {
  it('shows its candles, status and analysis at once, and redraws from scratch', async () => {
    const [shown, joining] = await Promise.all([readyStore(), readyStore()]);
    const candles = minuteCandles(T0, 3);
    shown.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', candles));
    const version = joining.getState().snapshotVersion;

    joining.getState().adoptStream(shown.getState());
    expect(joining.getState()).toMatchObject({ loading: false, candles, streamStatus: { state: 'live' } });
    expect(joining.getState().snapshotVersion).toBe(version + 1);
  });

  it('takes nothing from a chart of another stream', async () => {
    const [shown, joining] = await Promise.all([readyStore(), readyStore()]);
    shown.getState().selectSymbol('ETH/USDT');
    shown.getState().applySubscribeResult(subscribeResult('ETH/USDT', '1m', minuteCandles(T0, 3)));
    joining.getState().adoptStream(shown.getState());
    expect(joining.getState()).toMatchObject({ loading: true, candles: [] });
  });
});

describe('applying what the server sends', () => {
  it('takes a snapshot for the selected stream and ignores one for another stream', async () => {
    const store = await readyStore();
    store.getState().applySubscribeResult(subscribeResult('ETH/USDT', '1m', minuteCandles(T0, 2)));
    expect(store.getState().loading).toBe(true);

    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3)));
    expect(store.getState()).toMatchObject({
      loading: false,
      priceDirection: 'up',
      streamStatus: { state: 'live' },
    });
    expect(store.getState().candles).toHaveLength(3);
  });

  it('ignores ticks before the snapshot and ticks of other streams', async () => {
    const store = await readyStore();
    store.getState().applyCandles(BTC, [candle(T0, 1)]);
    expect(store.getState().candles).toEqual([]);

    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 2)));
    store.getState().applyCandles(ETH, [candle(T0 + 5 * MINUTE, 1)]);
    expect(store.getState().candles).toHaveLength(2);
  });

  it('updates the forming candle and colours the price by the last change', async () => {
    const store = await readyStore();
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 2)));
    const version = store.getState().snapshotVersion;

    store.getState().applyCandles(BTC, [candle(T0 + MINUTE, 90)]);
    expect(store.getState().candles.at(-1)?.close).toBe(90);
    expect(store.getState().priceDirection).toBe('down');

    store.getState().applyCandles(BTC, [candle(T0 + 2 * MINUTE, 90)]);
    expect(store.getState().priceDirection).toBe('down');
    expect(store.getState().candles).toHaveLength(3);
    expect(store.getState().snapshotVersion).toBe(version);
  });

  it('merges a delta without replacing, but replaces on a snapshot-mode answer', async () => {
    const store = await readyStore();
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3)));
    const version = store.getState().snapshotVersion;

    const delta = [candle(T0 + 2 * MINUTE, 150), candle(T0 + 3 * MINUTE, 151)];
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', delta, 'delta'));
    expect(store.getState().candles.map((c) => c.close)).toEqual([100, 101, 150, 151]);
    expect(store.getState().snapshotVersion).toBe(version);

    store
      .getState()
      .applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0 + 60 * MINUTE, 2)));
    expect(store.getState().candles.map((c) => c.time)).toEqual([T0 + 60 * MINUTE, T0 + 61 * MINUTE]);
    expect(store.getState().snapshotVersion).toBe(version + 1);
  });

  it('shows a subscribe error for the selected stream only, and a retry clears it', async () => {
    const store = await readyStore();
    store.getState().failSubscribe(ETH, 'Unknown symbol');
    expect(store.getState().subscribeError).toBeNull();

    store.getState().failSubscribe(BTC, 'Upstream unavailable');
    expect(store.getState()).toMatchObject({ subscribeError: 'Upstream unavailable', loading: false });

    store.getState().retrySubscribe();
    expect(store.getState()).toMatchObject({ subscribeError: null, loading: true, subscribeAttempt: 1 });
  });

  it('keeps the stream status of the selected stream only', async () => {
    const store = await readyStore();
    store.getState().setStreamStatus({ source: 'replay', ...ETH, state: 'stale' });
    expect(store.getState().streamStatus).toBeNull();
    store
      .getState()
      .setStreamStatus({ source: 'replay', ...BTC, state: 'stale', detail: 'no trades for 30s' });
    expect(store.getState().streamStatus?.detail).toBe('no trades for 30s');
  });
});
