import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { IndicatorPoint } from '../market/indicator-points.ts';
import type { AppStore } from '../store/index.ts';
import { INDICATORS, type IndicatorToggles } from '../store/indicator-toggles.ts';
import {
  analysis,
  candle,
  indicatorValues,
  MINUTE,
  minuteCandles,
  readyStore,
  subscribeResult,
  T0,
} from '../test-support.ts';
import { pointFromValues } from '../market/indicator-points.ts';
import { feedChart } from './chart-feed.ts';
import type { PriceChart } from './create-price-chart.ts';

const BTC = { symbol: 'BTC/USDT', timeframe: '1m' } as const;
const at = (time: number) => (time - T0) / MINUTE;

/** Records the chart calls instead of drawing. */
function recordingChart() {
  const calls: string[] = [];
  const chart: PriceChart = {
    setCandles: (candles: readonly Candle[], precision: number) =>
      calls.push(`set ${candles.length} candles, precision ${precision}`),
    showOlderCandles: (candles: readonly Candle[]) =>
      calls.push(`older: ${candles.length} candles from ${at(candles[0]!.time)}`),
    updateCandle: (c: Candle) => calls.push(`update ${at(c.time)} → ${c.close}`),
    setToggles: (toggles: IndicatorToggles) =>
      calls.push(`toggles ${INDICATORS.filter((name) => toggles[name]).join(' ') || 'none'}`),
    setIndicators: (points: readonly IndicatorPoint[]) => calls.push(`set ${points.length} indicators`),
    updateIndicators: (point: IndicatorPoint) =>
      calls.push(`indicators ${at(point.time)} → ema20 ${point.ema20}`),
    setFractals: (fractals) =>
      calls.push(`fractals ${fractals.map((f) => `${f.kind} ${at(f.time)}`).join(', ') || 'none'}`),
    setForecast: (f) =>
      calls.push(
        f
          ? `forecast from ${at(f.anchor.time)} at ${f.anchor.price}, ${f.steps.length} ahead`
          : 'forecast none',
      ),
    dispose: () => calls.push('dispose'),
  };
  return { chart, calls };
}

/** A fed chart whose setup calls are already cleared. */
async function fedChart(): Promise<{ store: AppStore; calls: string[] }> {
  const store = await readyStore();
  const { chart, calls } = recordingChart();
  feedChart(store, chart);
  calls.length = 0;
  return { store, calls };
}

const tick = (store: AppStore, time: number, close: number) => {
  store.getState().applyCandles(BTC, [candle(time, close)]);
  store.getState().applyIndicatorValues(BTC, [pointFromValues(time, indicatorValues(close))]);
};

describe('feeding the chart from the store', () => {
  it('draws the current state once when it starts', async () => {
    const store = await readyStore();
    const candles = minuteCandles(T0, 3);
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', candles, 'snapshot'));
    store.getState().toggleIndicator('macd');
    const { chart, calls } = recordingChart();
    feedChart(store, chart);
    expect(calls).toEqual([
      'toggles ema20 ema50 ema200 bollinger rsi fractals forecast',
      'set 3 candles, precision 2',
      'set 0 indicators',
      'fractals none',
      'forecast none',
    ]);
  });

  it('sets data once per snapshot and updates per tick, never rebuilding on ticks', async () => {
    const { store, calls } = await fedChart();

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
    calls.length = 0;

    store.getState().selectSymbol('SOL/USDT');
    store.getState().applySubscribeResult(subscribeResult('SOL/USDT', '1m', minuteCandles(T0, 2)));

    expect(calls).toEqual(['set 0 candles, precision 3', 'set 0 indicators', 'set 2 candles, precision 3']);
  });
});

describe('pages of older candles', () => {
  it('shows a page put in front without a reset, then goes on updating per tick', async () => {
    const { store, calls } = await fedChart();
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3)));
    store.getState().prependCandles(BTC, T0, minuteCandles(T0 - 2 * MINUTE, 2));
    tick(store, T0 + 2 * MINUTE, 130);

    expect(store.getState().candles.map((c) => at(c.time))).toEqual([-2, -1, 0, 1, 2]);
    expect(calls).toEqual([
      'set 3 candles, precision 2',
      'older: 5 candles from -2',
      'update 2 → 130',
      'indicators 2 → ema20 129',
    ]);
  });

  it('never merges a page of another stream, nor one asked for before a new snapshot', async () => {
    const { store, calls } = await fedChart();
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 3)));
    calls.length = 0;
    // A page asked for before a switch to SOL arrives after it.
    store.getState().selectSymbol('SOL/USDT');
    store.getState().prependCandles(BTC, T0, minuteCandles(T0 - 2 * MINUTE, 2));
    store.getState().applySubscribeResult(subscribeResult('SOL/USDT', '1m', minuteCandles(T0, 3)));
    store.getState().prependCandles(BTC, T0, minuteCandles(T0 - 2 * MINUTE, 2));
    // A page asked from SOL's first candle, arriving after a newer snapshot moved it on: a hole.
    const SOL = { ...BTC, symbol: 'SOL/USDT' };
    store.getState().applySubscribeResult(subscribeResult('SOL/USDT', '1m', minuteCandles(T0 + MINUTE, 3)));
    store.getState().prependCandles(SOL, T0, minuteCandles(T0 - 2 * MINUTE, 2));

    expect(store.getState().candles.map((c) => at(c.time))).toEqual([1, 2, 3]);
    expect(calls.filter((call) => call.startsWith('older'))).toEqual([]);
    // The page asked for from the first candle held is taken.
    store.getState().prependCandles(SOL, T0 + MINUTE, minuteCandles(T0 - MINUTE, 2));
    expect(store.getState().candles.map((c) => at(c.time))).toEqual([-1, 0, 1, 2, 3]);
  });
});

describe('feeding the indicators', () => {
  it('sets the series of a snapshot once, then updates the values each tick brings', async () => {
    const { store, calls } = await fedChart();
    const candles = minuteCandles(T0, 3);
    store
      .getState()
      .applySubscribeResult(
        subscribeResult('BTC/USDT', '1m', candles, 'snapshot', analysis('BTC/USDT', '1m', candles)),
      );
    tick(store, T0 + 2 * MINUTE, 110);
    tick(store, T0 + 3 * MINUTE, 111);

    expect(calls).toEqual([
      'set 3 candles, precision 2',
      'set 3 indicators',
      'update 2 → 110',
      'indicators 2 → ema20 109',
      'update 3 → 111',
      'indicators 3 → ema20 110',
    ]);
  });

  it('sets the series again once for a reconnect delta, while the candles merge', async () => {
    const { store, calls } = await fedChart();
    const candles = minuteCandles(T0, 3);
    store
      .getState()
      .applySubscribeResult(
        subscribeResult('BTC/USDT', '1m', candles, 'snapshot', analysis('BTC/USDT', '1m', candles)),
      );
    calls.length = 0;

    const delta = [candle(T0 + 2 * MINUTE, 130), candle(T0 + 3 * MINUTE, 131)];
    const window = [...candles.slice(0, 2), ...delta];
    store
      .getState()
      .applySubscribeResult(
        subscribeResult('BTC/USDT', '1m', delta, 'delta', analysis('BTC/USDT', '1m', window)),
      );

    expect(calls).toEqual(['update 2 → 130', 'update 3 → 131', 'set 4 indicators']);
  });

  it('marks the fractals of each analysis event without touching the lines', async () => {
    const { store, calls } = await fedChart();
    const candles = minuteCandles(T0, 5);
    store
      .getState()
      .applySubscribeResult(
        subscribeResult('BTC/USDT', '1m', candles, 'snapshot', analysis('BTC/USDT', '1m', candles)),
      );
    calls.length = 0;

    const { series: _series, ...pushed } = analysis('BTC/USDT', '1m', candles, {
      computedAt: T0 + 10 * MINUTE,
      fractals: [
        { time: T0 + MINUTE, kind: 'low', price: 99 },
        { time: T0 + 2 * MINUTE, kind: 'high', price: 103 },
      ],
    });
    store.getState().applyAnalysis(pushed);

    expect(calls).toEqual(['fractals low 1, high 2']);
  });

  it('applies toggles without rebuilding the candles, and refills the lines of a pane shown again', async () => {
    const { store, calls } = await fedChart();
    const candles = minuteCandles(T0, 5);
    store.getState().applySubscribeResult(
      subscribeResult(
        'BTC/USDT',
        '1m',
        candles,
        'snapshot',
        analysis('BTC/USDT', '1m', candles, {
          fractals: [{ time: T0 + 2 * MINUTE, kind: 'high', price: 103 }],
        }),
      ),
    );
    calls.length = 0;

    store.getState().toggleIndicator('rsi');
    store.getState().toggleIndicator('fractals');
    store.getState().toggleIndicator('ema20');
    store.getState().toggleIndicator('fractals');
    store.getState().toggleIndicator('rsi');

    expect(calls).toEqual([
      'toggles ema20 ema50 ema200 bollinger macd fractals forecast',
      'set 5 indicators',
      'toggles ema20 ema50 ema200 bollinger macd forecast',
      'fractals none',
      'toggles ema50 ema200 bollinger macd forecast',
      'toggles ema50 ema200 bollinger macd fractals forecast',
      'fractals high 2',
      'toggles ema50 ema200 bollinger rsi macd fractals forecast',
      'set 5 indicators',
    ]);
  });

  it('draws the fan from the live price, again on each tick, and clears it when the stream changes', async () => {
    const { store, calls } = await fedChart();
    const candles = minuteCandles(T0, 3);
    store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', candles, 'snapshot'));
    const last = candles.at(-1)!.time;
    const forecast = (from: number, computedAt: number): Prediction => ({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      source: 'replay',
      model: 'ewma-fhs',
      computedAt,
      lastCandleTime: from,
      from: 100,
      horizon: 2,
      sigma: 0.001,
      path: [1, 2].map((k) => ({
        time: from + k * MINUTE,
        yhat: 100,
        lower80: 99,
        upper80: 101,
        lower95: 98,
        upper95: 102,
      })),
      direction: { state: 's', probabilityUp: 0.5, credible90: [0.05, 0.95], samples: 0 },
      regime: { regime: 'random' },
      confluence: { agree: false, direction: 'sideways', byTimeframe: {} },
      anomalies: [],
      risk: { level: 'low', reasons: [] },
      scorecard: { n: 0 },
    });
    // Made at the close of the candle before the forming one: its first step is the forming candle.
    store.getState().applyPrediction(forecast(last - MINUTE, T0 + 10 * MINUTE));
    tick(store, last, 101);
    tick(store, last, 102);
    // An older forecast arriving late changes nothing; nor does another stream's.
    store.getState().applyPrediction(forecast(last - 2 * MINUTE, T0));
    store.getState().applyPrediction({ ...forecast(last, T0 + 11 * MINUTE), symbol: 'ETH/USDT' });
    expect(calls.filter((c) => c.startsWith('forecast'))).toEqual([
      `forecast from ${at(last)} at ${candles.at(-1)!.close}, 1 ahead`,
      `forecast from ${at(last)} at 101, 1 ahead`,
      `forecast from ${at(last)} at 102, 1 ahead`,
    ]);
    store.getState().selectSymbol('ETH/USDT');
    expect(calls.at(-1)).toBe('forecast none');
  });
});
