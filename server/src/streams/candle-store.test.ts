import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import { CandleStore } from './candle-store.ts';

const c = (time: number, close = 10): Candle => ({ time, open: 10, high: 20, low: 5, close, volume: 1 });

describe('CandleStore', () => {
  it('appends newer candles, replaces the forming one, and never holds more than its limit', () => {
    const store = new CandleStore(3);
    expect(store.upsert(c(1))).toBe('appended');
    expect(store.upsert(c(1, 11))).toBe('updated');
    store.upsert(c(2));
    store.upsert(c(3));
    expect(store.upsert(c(4))).toBe('appended');
    expect(store.latest(10).map((x) => x.time)).toEqual([2, 3, 4]);
    expect(store.upsert(c(1))).toBe('ignored');
    expect(store.since(3).map((x) => x.time)).toEqual([3, 4]);
  });

  it('merges history behind live candles without overwriting them', () => {
    const store = new CandleStore(10);
    store.upsert(c(5, 99));
    store.mergeHistory([c(3), c(4), c(5, 1)]);
    expect(store.latest(10)).toEqual([c(3), c(4), c(5, 99)]);
  });
});
