import { describe, expect, it } from 'vitest';
import type { Ticker } from '../../../shared/tickers.ts';
import { nextSort, sortSymbols } from './sort-tickers.ts';

const ticker = (symbol: string, last: number, change24hPercent: number): Ticker => ({
  symbol,
  last,
  change24hPercent,
  high24h: last,
  low24h: last,
  sparkline: [],
  time: 0,
});

const TICKERS = {
  'BTC/USDT': ticker('BTC/USDT', 50_000, 1.5),
  'ETH/USDT': ticker('ETH/USDT', 3_000, -2.25),
  'SOL/USDT': ticker('SOL/USDT', 40, 1.5),
  'BNB/USDT': ticker('BNB/USDT', 600, 7),
};
const SYMBOLS = ['SOL/USDT', 'XRP/USDT', 'BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'ADA/USDT'];

describe('sortSymbols', () => {
  it('orders by symbol, last price or 24h change, either way', () => {
    expect(sortSymbols(SYMBOLS, TICKERS, { key: 'symbol', descending: false }).slice(0, 4)).toEqual([
      'BNB/USDT',
      'BTC/USDT',
      'ETH/USDT',
      'SOL/USDT',
    ]);
    expect(sortSymbols(SYMBOLS, TICKERS, { key: 'last', descending: true }).slice(0, 4)).toEqual([
      'BTC/USDT',
      'ETH/USDT',
      'BNB/USDT',
      'SOL/USDT',
    ]);
    expect(sortSymbols(SYMBOLS, TICKERS, { key: 'change', descending: false }).slice(0, 4)).toEqual([
      'ETH/USDT',
      'BTC/USDT',
      'SOL/USDT',
      'BNB/USDT',
    ]);
  });

  it('breaks ties by symbol, and lists symbols still without a ticker last, by name, in either direction', () => {
    const up = sortSymbols(SYMBOLS, TICKERS, { key: 'change', descending: true });
    expect(up).toEqual(['BNB/USDT', 'BTC/USDT', 'SOL/USDT', 'ETH/USDT', 'ADA/USDT', 'XRP/USDT']);
    const down = sortSymbols(SYMBOLS, TICKERS, { key: 'change', descending: false });
    expect(down.slice(-2)).toEqual(['ADA/USDT', 'XRP/USDT']);
  });

  it('leaves the list it was given as it was', () => {
    const symbols = [...SYMBOLS];
    sortSymbols(symbols, TICKERS, { key: 'last', descending: false });
    expect(symbols).toEqual(SYMBOLS);
  });
});

describe('nextSort', () => {
  it('flips the direction on the same column, and starts a new one at its natural direction', () => {
    expect(nextSort({ key: 'symbol', descending: false }, 'symbol')).toEqual({
      key: 'symbol',
      descending: true,
    });
    expect(nextSort({ key: 'symbol', descending: false }, 'change')).toEqual({
      key: 'change',
      descending: true,
    });
    expect(nextSort({ key: 'change', descending: true }, 'change')).toEqual({
      key: 'change',
      descending: false,
    });
    expect(nextSort({ key: 'last', descending: true }, 'symbol')).toEqual({
      key: 'symbol',
      descending: false,
    });
  });
});
