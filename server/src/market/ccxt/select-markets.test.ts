import { describe, expect, it } from 'vitest';
import type { CcxtMarket } from './ccxt-exchange.ts';
import { needsVolumes, selectMarkets } from './select-markets.ts';

const market = (symbol: string, extra: Partial<CcxtMarket> = {}): CcxtMarket => {
  const [base = '', quote = ''] = symbol.split('/');
  return { symbol, base, quote, spot: true, active: true, ...extra };
};
const MARKETS = Object.fromEntries(
  [
    market('BTC/USDT'),
    market('ETH/USDT'),
    market('XRP/USDT'),
    market('ADA/USDT'),
    market('LUNA/USDT', { active: false }),
    market('BTC/USDT:USDT', { spot: false }),
    market('ETH/BTC'),
    market('BNB/BTC'),
    market('BTC/EUR'),
  ].map((m) => [m.symbol, m]),
);
const VOLUMES = new Map([
  ['BTC/USDT', 900],
  ['ETH/USDT', 700],
  ['XRP/USDT', 800],
  ['LUNA/USDT', 5000],
  ['ETH/BTC', 30],
]);
const symbols = (choice: { markets: CcxtMarket[] }) => choice.markets.map((m) => m.symbol);

describe('selectMarkets', () => {
  it('offers named markets in the order given, skipping what is not an active spot market', () => {
    const choice = selectMarkets(['ETH/BTC', 'BTC/USDT', 'LUNA/USDT', 'BTC/USDT:USDT', 'DOGE/USDT'], MARKETS);
    expect(symbols(choice)).toEqual(['ETH/BTC', 'BTC/USDT']);
    expect(choice.unmatched).toEqual(['LUNA/USDT', 'BTC/USDT:USDT', 'DOGE/USDT']);
  });

  it('ranks top:N by the exchange’s 24-hour quote volume, within the quote, active markets only', () => {
    expect(symbols(selectMarkets([{ top: 2, quote: 'USDT' }], MARKETS, VOLUMES))).toEqual([
      'BTC/USDT',
      'XRP/USDT',
    ]);
    // ADA/USDT has no reported volume: it is not ranked at all, even when N leaves room.
    expect(symbols(selectMarkets([{ top: 10, quote: 'USDT' }], MARKETS, VOLUMES))).toEqual([
      'BTC/USDT',
      'XRP/USDT',
      'ETH/USDT',
    ]);
    expect(selectMarkets([{ top: 3, quote: 'GBP' }], MARKETS, VOLUMES).unmatched).toEqual(['top:3:GBP']);
  });

  it('lists every active spot market of a quote by name, and combines picks without repeating one', () => {
    expect(symbols(selectMarkets([{ quote: 'BTC' }], MARKETS))).toEqual(['BNB/BTC', 'ETH/BTC']);
    const combined = selectMarkets(
      ['BTC/EUR', { top: 1, quote: 'USDT' }, { quote: 'USDT' }],
      MARKETS,
      VOLUMES,
    );
    expect(symbols(combined)).toEqual(['BTC/EUR', 'BTC/USDT', 'ADA/USDT', 'ETH/USDT', 'XRP/USDT']);
  });

  it('asks for volumes only when a pick ranks by them', () => {
    expect(needsVolumes(['BTC/USDT', { quote: 'USDT' }])).toBe(false);
    expect(needsVolumes([{ top: 5, quote: 'USDT' }])).toBe(true);
  });
});
