import { describe, expect, it } from 'vitest';
import type { Ticker } from '../../../shared/tickers.ts';
import { memoryStorage } from '../test-support.ts';
import { createWatchlistStore } from './watchlist-store.ts';

const BTC: Ticker = {
  symbol: 'BTC/USDT',
  last: 50_000,
  change24hPercent: 1.25,
  high24h: 50_500,
  low24h: 49_000,
  sparkline: [49_100, 49_500, 49_900],
  time: 1_000,
};

describe('the watchlist store', () => {
  it('keeps the sparkline an update leaves out, and never lets older figures replace newer ones', () => {
    const store = createWatchlistStore({ width: 1440 });
    store.getState().applySnapshot([BTC]);
    const { sparkline: _left, ...update } = { ...BTC, last: 50_100, change24hPercent: 1.45, time: 2_000 };
    store.getState().applyUpdates([update]);
    expect(store.getState().tickers['BTC/USDT']).toEqual({ ...update, sparkline: BTC.sparkline });

    // An ack built before that update, arriving after it.
    store.getState().applySnapshot([BTC]);
    expect(store.getState().tickers['BTC/USDT']!.last).toBe(50_100);
  });

  it('marks and clears staleness with the figures, and clears an error with the next snapshot', () => {
    const store = createWatchlistStore({ width: 1440 });
    store.getState().applySnapshot([BTC]);
    store.getState().applyUpdates([{ ...BTC, sparkline: undefined, stale: true }]);
    expect(store.getState().tickers['BTC/USDT']).toMatchObject({ stale: true, last: 50_000 });
    store.getState().applyUpdates([{ ...BTC, sparkline: undefined, last: 50_200, time: 3_000 }]);
    expect(store.getState().tickers['BTC/USDT']!.stale).toBeUndefined();

    store.getState().fail('No prices have come from binance yet');
    expect(store.getState().error).toMatch(/binance/);
    store.getState().applySnapshot([BTC]);
    expect(store.getState().error).toBeNull();
  });

  it('counts who needs which tickers: every symbol while any watchlist is open', () => {
    const store = createWatchlistStore({ width: 1440 });
    const header = store.getState().need({ symbol: 'BTC/USDT' });
    const other = store.getState().need({ symbol: 'BTC/USDT' });
    const list = store.getState().need('all');
    expect(store.getState().demand).toEqual({ all: 1, symbols: { 'BTC/USDT': 2 } });
    header();
    header();
    list();
    expect(store.getState().demand).toEqual({ all: 0, symbols: { 'BTC/USDT': 1 } });
    other();
    expect(store.getState().demand).toEqual({ all: 0, symbols: {} });
  });

  it('remembers the fold and the sort; a phone-wide window starts folded whatever was chosen', () => {
    const storage = memoryStorage();
    const store = createWatchlistStore({ storage, width: 1440 });
    expect(store.getState().open).toBe(true);
    store.getState().setOpen(false);
    store.getState().sortBy('change');
    const again = createWatchlistStore({ storage, width: 1440 });
    expect(again.getState()).toMatchObject({ open: false, sort: { key: 'change', descending: true } });

    again.getState().setOpen(true);
    expect(createWatchlistStore({ storage, width: 1440 }).getState().open).toBe(true);
    expect(createWatchlistStore({ storage, width: 390 }).getState().open).toBe(false);
    // Nothing chosen: open where there is room beside the chart.
    expect(createWatchlistStore({ storage: memoryStorage(), width: 1000 }).getState().open).toBe(false);
    expect(
      createWatchlistStore({
        storage: memoryStorage({ 'trendscope.watchlist': '{' }),
        width: 1440,
      }).getState(),
    ).toMatchObject({ open: true, sort: { key: 'symbol', descending: false } });
  });
});
