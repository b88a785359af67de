import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../shared/http.ts';
import { ASSET_NAMES } from './asset-names.ts';
import { indexSymbols, searchSymbols } from './symbol-search.ts';

const info = (symbol: string): SymbolInfo => {
  const [base = '', quote = ''] = symbol.split('/');
  return { symbol, base, quote, pricePrecision: 2 };
};
/** Offered busiest first, as `top:N` lists them. */
const OFFERED = [
  'BTC/USDT',
  'ETH/USDT',
  'SOL/USDT',
  'BNB/USDT',
  'SAND/USDT',
  'S/USDT',
  'USDC/USDT',
  'ETH/BTC',
  'BTC/EUR',
  'SOL/USDC',
  'BCH/USDT',
].map(info);
const index = indexSymbols(OFFERED, ASSET_NAMES);
const find = (query: string, limit = 50) =>
  searchSymbols(index, query, limit).matches.map((m) => m.info.symbol);

describe('searchSymbols', () => {
  it('finds a market by the start of its base, the exact base first, then in the offered order', () => {
    expect(find('sol')).toEqual(['SOL/USDT', 'SOL/USDC']);
    expect(find('s')).toEqual(['S/USDT', 'SOL/USDT', 'SAND/USDT', 'SOL/USDC']);
    expect(find('  Eth ')).toEqual(['ETH/USDT', 'ETH/BTC']);
  });

  it('finds it by name, a word of the name at a time', () => {
    expect(find('solana')).toEqual(['SOL/USDT', 'SOL/USDC']);
    expect(find('bitcoin')).toEqual(['BTC/USDT', 'BTC/EUR', 'BCH/USDT']);
    expect(find('bitcoin cash')).toEqual(['BCH/USDT']);
    expect(find('usd coin')).toEqual(['USDC/USDT']);
  });

  it('reads a pair however it is typed: with a slash, as exchanges write it, or base then quote', () => {
    expect(find('eth/b')).toEqual(['ETH/BTC']);
    expect(find('/usdc')).toEqual(['SOL/USDC']);
    expect(find('ethbtc')).toEqual(['ETH/BTC']);
    expect(find('btc eur')).toEqual(['BTC/EUR']);
    // First the market of that base, then those quoted in it.
    expect(find('eth btc')).toEqual(['ETH/BTC']);
    expect(find('btc')).toEqual(['BTC/USDT', 'BTC/EUR', 'ETH/BTC']);
  });

  it('forgives left-out letters, ranking such matches after real prefixes', () => {
    expect(find('bnusdt')).toEqual(['BNB/USDT']);
    expect(find('solusd')).toEqual(['SOL/USDT', 'SOL/USDC']);
    expect(find('xyz')).toEqual([]);
  });

  it('lists everything for an empty query, and caps what it returns while counting all', () => {
    expect(find('')).toEqual(OFFERED.map((s) => s.symbol));
    const capped = searchSymbols(index, 'u', 2);
    expect(capped.matches).toHaveLength(2);
    expect(capped.total).toBeGreaterThan(2);
  });

  it('names what it finds where the asset has a well-known name', () => {
    const [sol] = searchSymbols(index, 'sol', 1).matches;
    expect(sol).toEqual({ info: OFFERED[2], name: 'Solana' });
  });
});
