import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      marketSource: 'replay',
      redisUrl: undefined,
      databaseUrl: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('switches each part to the real one by one variable', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'postgres://u@h/db',
      PORT: '8080',
    });
    expect(config).toMatchObject({
      port: 8080,
      redisUrl: 'redis://127.0.0.1:6379',
      databaseUrl: 'postgres://u@h/db',
    });
  });

  it('names every bad variable in one message', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', MARKET_SOURCE: 'nasdaq' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT="eighty": must be a port number/);
    expect(attempt).toThrow(/REDIS_URL="localhost:6379": must be a URL starting with redis:\/\//);
    expect(attempt).toThrow(/MARKET_SOURCE="nasdaq"/);
  });
});

describe('loadConfig for a live exchange', () => {
  it('reads the exchange, its symbols and a local override', () => {
    const config = loadConfig({
      MARKET_SOURCE: 'ccxt',
      EXCHANGE: 'kraken',
      SYMBOLS: ' BTC/USD , ETH/USD ',
      EXCHANGE_API_URL: 'http://127.0.0.1:9000',
    });
    expect(config).toMatchObject({
      marketSource: 'ccxt',
      exchange: 'kraken',
      symbols: ['BTC/USD', 'ETH/USD'],
      exchangeApiUrl: 'http://127.0.0.1:9000',
      exchangeWsUrl: undefined,
    });
  });

  it('names a malformed symbol list', () => {
    expect(() => loadConfig({ SYMBOLS: 'BTCUSDT' })).toThrow(/SYMBOLS="BTCUSDT": .*BASE\/QUOTE/);
    expect(() => loadConfig({ EXCHANGE_API_URL: 'ftp://x' })).toThrow(/EXCHANGE_API_URL/);
  });
});
