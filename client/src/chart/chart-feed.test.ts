import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import { candle, MINUTE, minuteCandles, readyStore, subscribeResult, T0 } from '../test-support.ts';
import { feedChart } from './chart-feed.ts';
import type { PriceChart } from './create-price-chart.ts';

/** Records the chart calls instead of drawing. */
function recordingChart() {
  const calls: string[] = [];
  const chart: PriceChart = {
    setCandles: (candles: readonly Candle[], precision: number) =>
      calls.push(`set ${candles.length} candles, precision ${precision}`),
    updateCandle: (c: Candle) => calls.push(`update ${(c.time - T0) / MINUTE} → ${c.close}`),
    dispose: () => calls.push('dispose'),
  };
  return { chart, calls };
}

describe('feeding the chart from the store', () => {
  it('sets data once per snapshot and updates per tick, never rebuilding on ticks', async () => {
    const store = await readyStore();
    const { chart, calls } = recordingChart();
    feedChart(store, chart);
    const BTC = { symbol: 'BTC/USDT', timeframe: '1m' } as const;

    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3)));
    store.getState().applyCandles(BTC, [candle(T0 + 2 * MINUTE, 110)]);
    store.getState().applyCandles(BTC, [candle(T0 + 3 * MINUTE, 111)]);
    store.getState().setStreamStatus({ source: 'replay', ...BTC, state: 'stale' });
    store
      .getState()
      .applySubscribeResult(
        subscribeResult(
          'BTC/USDT',
          '1m',
          [candle(T0 + 3 * MINUTE, 120), candle(T0 + 4 * MINUTE, 121)],
          'delta',
        ),
      );

    expect(calls).toEqual([
      'set 0 candles, precision 2',
      'set 3 candles, precision 2',
      'update 2 → 110',
      'update 3 → 111',
      'update 3 → 120',
      'update 4 → 121',
    ]);
  });

  it('clears on a stream switch and sets the new stream with its own precision', async () => {
    const store = await readyStore();
    const { chart, calls } = recordingChart();
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3)));
    feedChart(store, chart);

    store.getState().selectSymbol('SOL/USDT');
    store.getState().applySubscribeResult(subscribeResult('SOL/USDT', '1m', minuteCandles(T0, 2)));

    expect(calls).toEqual([
      'set 3 candles, precision 2',
      'set 0 candles, precision 3',
      'set 2 candles, precision 3',
    ]);
  });
});
