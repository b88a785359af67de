import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { describePick, parseMarketPick } from './market-picks.ts';

describe('SYMBOLS', () => {
  it('reads names, the busiest markets of a quote, and every market of a quote, in order', () => {
    const { symbols } = loadConfig({ SYMBOLS: 'ETH/BTC, top:50 ,top:10:eur,quote:usdc,' });
    expect(symbols).toEqual([
      'ETH/BTC',
      { top: 50, quote: 'USDT' },
      { top: 10, quote: 'EUR' },
      { quote: 'USDC' },
    ]);
    expect(symbols.map(describePick)).toEqual(['ETH/BTC', 'top:50:USDT', 'top:10:EUR', 'quote:USDC']);
  });

  it('defaults to the four recorded markets', () => {
    expect(loadConfig({}).symbols).toEqual(['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT']);
  });

  it.each([
    ['top:0', /SYMBOLS=.*top:N needs a whole N from 1 to 1000/],
    ['top:many', /top:N needs a whole N/],
    ['top:5:US-D', /"US-D" is not a currency code/],
    ['quote:', /quote: needs a currency code/],
    ['btc/usdt', /none of BASE\/QUOTE, top:N, top:N:QUOTE or quote:QUOTE/],
    [' , ', /must list at least one market/],
  ])('refuses %j, naming the variable and the item', (value, message) => {
    expect(() => loadConfig({ SYMBOLS: value })).toThrow(message);
  });

  it('gives each pick back as a value or a reason, never both', () => {
    expect(parseMarketPick('SOL/USDT')).toBe('SOL/USDT');
    expect(parseMarketPick('TOP:3')).toEqual({ top: 3, quote: 'USDT' });
    expect(parseMarketPick('top:3:usdt:x')).toHaveProperty('error');
  });
});
