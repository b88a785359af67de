import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../../shared/analysis.ts';
import { pointFromValues } from '../market/indicator-points.ts';
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
import type { AppStore } from './index.ts';

const BTC = { symbol: 'BTC/USDT', timeframe: '1m' } as const;
const ETH = { symbol: 'ETH/USDT', timeframe: '1m' } as const;

/** What an `analysis` event carries: no series. */
function pushed(overrides: Partial<Analysis> = {}, stream: { symbol: string; timeframe: '1m' } = BTC) {
  const { series: _series, ...event } = analysis(
    stream.symbol,
    stream.timeframe,
    minuteCandles(T0, 3),
    overrides,
  );
  return event;
}

const point = (time: number, close: number) => pointFromValues(time, indicatorValues(close));
const ema20s = (store: AppStore) => store.getState().indicators.map((p) => [(p.time - T0) / MINUTE, p.ema20]);

async function withSnapshot(count = 3): Promise<AppStore> {
  const store = await readyStore();
  const candles = minuteCandles(T0, count);
  store
    .getState()
    .applySubscribeResult(
      subscribeResult('BTC/USDT', '1m', candles, 'snapshot', analysis('BTC/USDT', '1m', candles)),
    );
  return store;
}

describe('the analysis of a subscribe ack', () => {
  it('keeps the summary without its series, and the series as points per candle', async () => {
    const store = await withSnapshot();
    const state = store.getState();
    expect(state.analysis?.summary.trend.direction).toBe('up');
    expect(state.analysis).not.toHaveProperty('series');
    expect(ema20s(store)).toEqual([
      [0, 99],
      [1, 100],
      [2, 101],
    ]);
    expect(state.indicators[0]).toMatchObject({ ema200: null, bollingerUpper: 105, macdHistogram: 0.5 });
  });

  it('replaces the points on a delta too, since its series covers the whole window', async () => {
    const store = await withSnapshot();
    const version = store.getState().indicatorsVersion;
    const window = [...minuteCandles(T0, 2), candle(T0 + 2 * MINUTE, 200), candle(T0 + 3 * MINUTE, 201)];
    store
      .getState()
      .applySubscribeResult(
        subscribeResult('BTC/USDT', '1m', window.slice(2), 'delta', analysis('BTC/USDT', '1m', window)),
      );
    expect(ema20s(store)).toEqual([
      [0, 99],
      [1, 100],
      [2, 199],
      [3, 200],
    ]);
    expect(store.getState().indicatorsVersion).toBe(version + 1);
  });

  it('keeps what it has on a delta without analysis, and clears the points on a snapshot without', async () => {
    const store = await withSnapshot();
    const before = store.getState();
    store
      .getState()
      .applySubscribeResult(subscribeResult('BTC/USDT', '1m', [candle(T0 + 3 * MINUTE, 1)], 'delta', null));
    expect(store.getState().indicators).toBe(before.indicators);
    expect(store.getState().analysis).toBe(before.analysis);

    store
      .getState()
      .applySubscribeResult(subscribeResult('BTC/USDT', '1m', minuteCandles(T0, 2), 'snapshot', null));
    expect(store.getState().indicators).toEqual([]);
    expect(store.getState().indicatorsVersion).toBe(before.indicatorsVersion + 1);
  });
});

describe('indicator values from ticks', () => {
  it('replace the newest point at the same time and append at a new time', async () => {
    const store = await withSnapshot();
    const version = store.getState().indicatorsVersion;
    store.getState().applyIndicatorValues(BTC, [point(T0 + 2 * MINUTE, 150)]);
    store.getState().applyIndicatorValues(BTC, [point(T0 + 3 * MINUTE, 160)]);
    expect(ema20s(store)).toEqual([
      [0, 99],
      [1, 100],
      [2, 149],
      [3, 159],
    ]);
    expect(store.getState().indicatorsVersion).toBe(version);
  });

  it('ignores values older than the newest point, for other streams, and before the snapshot', async () => {
    const early = await readyStore();
    early.getState().applyIndicatorValues(BTC, [point(T0, 1)]);
    expect(early.getState().indicators).toEqual([]);

    const store = await withSnapshot();
    const before = store.getState().indicators;
    store.getState().applyIndicatorValues(BTC, [point(T0 + MINUTE, 1)]);
    store.getState().applyIndicatorValues(ETH, [point(T0 + 5 * MINUTE, 1)]);
    expect(store.getState().indicators).toBe(before);
  });
});

describe('analysis events', () => {
  it('update the summary, fractals and latest values, never the points', async () => {
    const store = await withSnapshot();
    const indicators = store.getState().indicators;
    store.getState().applyAnalysis(
      pushed({
        computedAt: T0 + 5 * MINUTE,
        fractals: [{ time: T0 + MINUTE, kind: 'high', price: 104 }],
        latest: { rsi14: 72 },
      }),
    );
    expect(store.getState().analysis).toMatchObject({
      computedAt: T0 + 5 * MINUTE,
      fractals: [{ kind: 'high', price: 104 }],
      latest: { rsi14: 72 },
    });
    expect(store.getState().indicators).toBe(indicators);
  });

  it('never take a series, even when one comes along', async () => {
    const store = await withSnapshot();
    const indicators = store.getState().indicators;
    store
      .getState()
      .applyAnalysis(analysis('BTC/USDT', '1m', minuteCandles(T0, 9), { computedAt: T0 + 9 * MINUTE }));
    expect(store.getState().indicators).toBe(indicators);
    expect(store.getState().analysis).not.toHaveProperty('series');
  });

  it('are ignored for other streams and when older than what is shown', async () => {
    const store = await withSnapshot();
    const shown = store.getState().analysis;
    store.getState().applyAnalysis(pushed({ computedAt: T0 + 9 * MINUTE }, ETH));
    store.getState().applyAnalysis(pushed({ computedAt: T0 }));
    expect(store.getState().analysis).toBe(shown);
  });

  it('may arrive before the ack, whose older analysis then does not replace them', async () => {
    const store = await readyStore();
    store.getState().applyAnalysis(pushed({ computedAt: T0 + 60 * MINUTE }));
    const candles = minuteCandles(T0, 3);
    store
      .getState()
      .applySubscribeResult(
        subscribeResult('BTC/USDT', '1m', candles, 'snapshot', analysis('BTC/USDT', '1m', candles)),
      );
    expect(store.getState().analysis?.computedAt).toBe(T0 + 60 * MINUTE);
    expect(store.getState().indicators).toHaveLength(3);
  });
});

describe('switching streams', () => {
  it('drops the old stream’s analysis and points', async () => {
    const store = await withSnapshot();
    const version = store.getState().indicatorsVersion;
    store.getState().selectTimeframe('5m');
    expect(store.getState()).toMatchObject({ analysis: null, indicators: [] });
    expect(store.getState().indicatorsVersion).toBe(version + 1);

    // A late event of the old stream stays out.
    store.getState().applyAnalysis(pushed({ computedAt: T0 + 99 * MINUTE }));
    expect(store.getState().analysis).toBeNull();
  });
});

describe('indicator toggles', () => {
  it('start all on, switch one at a time or all at once, and stay put when nothing changes', async () => {
    const store = await readyStore();
    expect(Object.values(store.getState().indicatorToggles).every(Boolean)).toBe(true);

    store.getState().toggleIndicator('rsi');
    store.getState().setIndicatorVisible('ema200', false);
    const toggles = store.getState().indicatorToggles;
    expect(toggles).toMatchObject({ rsi: false, ema200: false, macd: true });
    store.getState().setIndicatorVisible('ema200', false);
    store.getState().setIndicatorToggles({ ...toggles });
    expect(store.getState().indicatorToggles).toBe(toggles);

    store.getState().setIndicatorToggles({ ...toggles, rsi: true, macd: false });
    expect(store.getState().indicatorToggles).toMatchObject({ rsi: true, ema200: false, macd: false });
  });
});
