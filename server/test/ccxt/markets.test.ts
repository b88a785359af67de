import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SymbolsResponse } from '../../../shared/http.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import type { CcxtExchange } from '../../src/market/ccxt/ccxt-exchange.ts';
import { CcxtSource } from '../../src/market/ccxt/ccxt-source.ts';
import { RateGate } from '../../src/market/rate-gate.ts';
import { startCcxtStack, type CcxtStack } from '../support/ccxt-stack.ts';
import { startTestApp } from '../support/test-app.ts';

interface RawTicker {
  symbol: string;
  quoteVolume: string;
}
interface RawMarket {
  symbol: string;
  quoteAsset: string;
  status: string;
}

/**
 * SYMBOLS against the local Binance listing about 125 markets (recorded and stand-ins, two halted).
 * The market clock stands still, so the 24-hour volumes ccxt reads are the ones read here.
 */
describe('SYMBOLS on ccxt: markets by name, the busiest of a quote, every market of a quote', () => {
  let stack: CcxtStack;
  let trading: RawMarket[];
  let volumes: Map<string, number>;

  beforeAll(async () => {
    const now = Date.parse('2026-11-29T21:00:00Z');
    stack = await startCcxtStack({ markets: 'many', clock: () => now });
    const raw = async <T>(path: string) => (await (await fetch(`${stack.fake.url}${path}`)).json()) as T;
    const info = await raw<{ symbols: RawMarket[] }>('/api/v3/exchangeInfo');
    trading = info.symbols.filter((m) => m.status === 'TRADING');
    const tickers = await raw<RawTicker[]>('/api/v3/ticker/24hr');
    volumes = new Map(tickers.map((t) => [t.symbol, Number(t.quoteVolume)]));
  });
  afterAll(() => stack?.close());

  /** Every ticker at once is the local exchange's heaviest answer: a generous timeout for a busy machine. */
  const timeoutMs = 30_000;
  const offered = async (value: string) => {
    const source = stack.source({ symbols: loadConfig({ SYMBOLS: value }).symbols, timeoutMs });
    return (await source.loadSymbols()).map((s) => s.symbol);
  };
  const id = (symbol: string) => symbol.replace('/', '');

  it('top:N offers the N trading USDT markets with the largest 24-hour quote volume, busiest first', async () => {
    const expected = trading
      .filter((m) => m.quoteAsset === 'USDT')
      .sort((a, b) => volumes.get(b.symbol)! - volumes.get(a.symbol)!)
      .slice(0, 20)
      .map((m) => m.symbol);
    const top = await offered('top:20');
    expect(top).toHaveLength(20);
    expect(top.map(id)).toEqual(expected);
    // Halted markets are never offered, whatever their volume.
    expect(top).not.toContain('LUNA/USDT');
    expect(stack.fake.count('/api/v3/ticker/24hr')).toBeGreaterThan(0);
  });

  it('quote:QUOTE offers every trading market of the quote; names and picks combine without repeats', async () => {
    const usdt = await offered('quote:USDT');
    expect(usdt.map(id).sort()).toEqual(
      trading
        .filter((m) => m.quoteAsset === 'USDT')
        .map((m) => m.symbol)
        .sort(),
    );
    expect(usdt.length).toBeGreaterThan(100);
    expect(usdt).not.toContain('FTT/USDT');

    expect(await offered('ETH/BTC,BTC/EUR,quote:BTC,NOPE/USDT')).toEqual([
      'ETH/BTC',
      'BTC/EUR',
      'ADA/BTC',
      'BNB/BTC',
      'DOGE/BTC',
      'DOT/BTC',
      'LINK/BTC',
      'LTC/BTC',
      'SOL/BTC',
      'XRP/BTC',
    ]);
  });

  // A whole app over a live exchange's 19 markets: more than the default allows on a busy machine.
  it('the app offers the markets and serves their candles', { timeout: 60_000 }, async () => {
    const source = stack.source({
      symbols: loadConfig({ SYMBOLS: 'top:10,quote:BTC' }).symbols,
      timeoutMs,
    });
    const t = await startTestApp({ source, clock: stack.clock });
    try {
      const body = (await (await fetch(`${t.url}/api/symbols`)).json()) as SymbolsResponse;
      expect(body.symbols).toHaveLength(19);
      expect(body.timeframes).toEqual(['1m', '5m', '15m', '30m', '1h', '2h', '4h', '12h', '1d', '1w']);
      const ethBtc = body.symbols.find((s) => s.symbol === 'ETH/BTC')!;
      expect(ethBtc).toMatchObject({ base: 'ETH', quote: 'BTC' });
      expect(ethBtc.pricePrecision).toBeGreaterThanOrEqual(5);
      const res = await fetch(`${t.url}/api/candles?symbol=ETH/BTC&timeframe=1w&limit=10`);
      expect(res.status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('top:N on an exchange that cannot report every volume at once stops the start with a reason', async () => {
    const exchange: CcxtExchange = {
      id: 'quietex',
      rateLimit: 0,
      precisionMode: 4,
      timeframes: { '1m': '1m' },
      has: { fetchTickers: false },
      loadMarkets: async () => ({ 'BTC/USDT': { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT' } }),
      fetchOHLCV: async () => [],
      close: async () => undefined,
    };
    const source = new CcxtSource({
      exchange,
      symbols: [{ top: 5, quote: 'USDT' }],
      pollIntervalMs: 1000,
      clock: Date.now,
      logger: silentLogger,
      gate: new RateGate(),
    });
    await expect(source.loadSymbols()).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/quietex does not report .* which top:N needs/),
    });
  });
});
