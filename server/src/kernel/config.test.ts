import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ConfigError, ENV_VARIABLES, loadConfig } from './config.ts';
import { projectPath } from './paths.ts';

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

describe('loadConfig for accounts and chat', () => {
  it('defaults to a generated secret, 15-minute sessions, a plain-HTTP cookie, no CORS and no LLM', () => {
    expect(loadConfig({})).toMatchObject({
      sessionSecret: undefined,
      sessionTtlMinutes: 15,
      cookieSecure: false,
      corsOrigins: [],
      llmBaseUrl: undefined,
      llmModel: 'gpt-4o-mini',
      llmTimeoutMs: 8_000,
    });
  });

  it('reads the session, cookie, CORS and LLM settings', () => {
    const config = loadConfig({
      SESSION_SECRET: 'x'.repeat(32),
      SESSION_TTL_MINUTES: '30',
      COOKIE_SECURE: 'true',
      CORS_ORIGINS: ' https://app.example.com/ , http://localhost:5173 ',
      LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
      LLM_API_KEY: 'sk-local',
      LLM_MODEL: 'llama3.2',
      LLM_TIMEOUT_MS: '2500',
    });
    expect(config).toMatchObject({
      sessionSecret: 'x'.repeat(32),
      sessionTtlMinutes: 30,
      cookieSecure: true,
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      llmBaseUrl: 'http://127.0.0.1:11434/v1',
      llmApiKey: 'sk-local',
      llmModel: 'llama3.2',
      llmTimeoutMs: 2500,
    });
  });

  it('refuses a short secret without ever printing it', () => {
    const attempt = () => loadConfig({ SESSION_SECRET: 'hunter2-hunter2' });
    expect(attempt).toThrow(/SESSION_SECRET=\(hidden\): must be at least 32 characters/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('names bad cookie, CORS and LLM values', () => {
    const attempt = () =>
      loadConfig({
        COOKIE_SECURE: 'yes',
        CORS_ORIGINS: 'app.example.com',
        LLM_BASE_URL: 'localhost:11434',
        SESSION_TTL_MINUTES: '0',
      });
    expect(attempt).toThrow(/COOKIE_SECURE="yes": must be true or false/);
    expect(attempt).toThrow(/CORS_ORIGINS="app.example.com": must list origins/);
    expect(attempt).toThrow(/LLM_BASE_URL="localhost:11434": must be a URL starting with http/);
    expect(attempt).toThrow(/SESSION_TTL_MINUTES="0"/);
  });
});

describe('.env.example', () => {
  it('lists every variable the server reads', async () => {
    const text = await readFile(projectPath('.env.example'), 'utf8');
    const listed = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(listed).toEqual(expect.arrayContaining([...ENV_VARIABLES]));
  });
});
