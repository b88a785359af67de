import { describe, expect, it } from 'vitest';
import { SubscribeRequestSchema } from './protocol.ts';

describe('SubscribeRequestSchema', () => {
  it('accepts a stream and an optional since', () => {
    expect(SubscribeRequestSchema.parse({ symbol: 'BTC/USDT', timeframe: '1m', since: 5 })).toEqual({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      since: 5,
    });
  });

  it.each([
    [null],
    ['BTC/USDT'],
    [{ symbol: 'BTCUSDT', timeframe: '1m' }],
    [{ symbol: 'BTC/USDT', timeframe: '2m' }],
    [{ symbol: 'BTC/USDT', timeframe: '1m', since: -1 }],
    [{ symbol: 'BTC/USDT', timeframe: '1m', limit: 1e9 }],
    [{ symbol: 42, timeframe: '1m' }],
  ])('rejects %j', (payload) => {
    expect(SubscribeRequestSchema.safeParse(payload).success).toBe(false);
  });
});
