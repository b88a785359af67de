import { describe, expect, it } from 'vitest';
import { isWebSocketUrl, overrideOrigins, toWebSocketOrigin } from './url-override.ts';

const binanceLike = {
  public: 'https://api.binance.com/api/v3',
  fapiPublic: 'https://fapi.binance.com/fapi/v1',
  ws: {
    spot: 'wss://stream.binance.com:9443/ws',
    'ws-api': { spot: 'wss://ws-api.binance.com:443/ws-api/v3' },
  },
  rateLimit: 50,
};

describe('overrideOrigins', () => {
  it('moves every REST URL to the new origin and keeps the paths', () => {
    const out = overrideOrigins(binanceLike, 'http://127.0.0.1:9000/', (u) => !isWebSocketUrl(u));
    expect(out.public).toBe('http://127.0.0.1:9000/api/v3');
    expect(out.fapiPublic).toBe('http://127.0.0.1:9000/fapi/v1');
    expect(out.ws.spot).toBe('wss://stream.binance.com:9443/ws');
    expect(out.rateLimit).toBe(50);
  });

  it('moves WebSocket URLs separately', () => {
    const out = overrideOrigins(binanceLike, toWebSocketOrigin('http://127.0.0.1:9001'), isWebSocketUrl);
    expect(out.ws.spot).toBe('ws://127.0.0.1:9001/ws');
    expect(out.ws['ws-api'].spot).toBe('ws://127.0.0.1:9001/ws-api/v3');
    expect(out.public).toBe('https://api.binance.com/api/v3');
  });
});
