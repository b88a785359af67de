import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindDocumentTitle, titleFor } from './document-title.ts';
import { candle, MINUTE, minuteCandles, readyStore, subscribeResult, T0 } from './test-support.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('document title', () => {
  it('shows the formatted last price and the symbol', async () => {
    const store = await readyStore();
    expect(titleFor(store.getState())).toBe('BTC/USDT · TrendScope');
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', [candle(T0, 43210.55)]));
    expect(titleFor(store.getState())).toBe('43,210.55 BTC/USDT · TrendScope');
  });

  it('writes at most once per interval however fast ticks come', async () => {
    vi.useFakeTimers();
    const store = await readyStore();
    const target = { title: '' };
    let writes = 0;
    const counted = {
      get title() {
        return target.title;
      },
      set title(value: string) {
        writes++;
        target.title = value;
      },
    };
    bindDocumentTitle(store, counted, 400);
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 1)));
    for (let i = 0; i < 50; i++) {
      store.getState().applyCandles({ symbol: 'BTC/USDT', timeframe: '1m' }, [candle(T0 + MINUTE, 200 + i)]);
    }
    vi.advanceTimersByTime(400);
    expect(writes).toBe(2);
    expect(target.title).toBe('249.00 BTC/USDT · TrendScope');
  });
});
