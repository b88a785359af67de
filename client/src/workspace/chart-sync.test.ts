import { describe, expect, it } from 'vitest';
import type { IRange, MouseEventParams, Time } from 'lightweight-charts';
import type { ChartParts } from '../chart/create-price-chart.ts';
import type { AppStore } from '../store/index.ts';
import { candle, MINUTE, minuteCandles, readyStore, subscribeResult, T0 } from '../test-support.ts';
import { candleAt, createChartSync, type ChartSyncOptions } from './chart-sync.ts';

describe('the candle a synced crosshair lands on', () => {
  const hourly = [0, 1, 2, 3].map((h) => candle(T0 + h * 60 * MINUTE, 100 + h));

  it('is the one open at that moment, whatever the timeframe of the chart it came from', () => {
    expect(candleAt(hourly, T0 + 90 * MINUTE)?.close).toBe(101);
    expect(candleAt(hourly, T0 + 120 * MINUTE)?.close).toBe(102);
    expect(candleAt(hourly, T0 + 10 * 60 * MINUTE)?.close).toBe(103);
  });

  it('is none before the first candle or without candles', () => {
    expect(candleAt(hourly, T0 - MINUTE)).toBeUndefined();
    expect(candleAt([], T0)).toBeUndefined();
  });
});

const seconds = (ms: number) => (ms / 1000) as Time;

/**
 * Just enough of a lightweight-charts chart: records what the sync sets, and, like the real one,
 * reports a visible range set on it to its own subscribers.
 */
function fakeChart(name: string, calls: string[]) {
  const crosshairHandlers = new Set<(param: MouseEventParams) => void>();
  const rangeHandlers = new Set<(range: IRange<Time> | null) => void>();
  let range: IRange<Time> | null = null;
  const timeScale = {
    subscribeVisibleTimeRangeChange: (h: (range: IRange<Time> | null) => void) => rangeHandlers.add(h),
    unsubscribeVisibleTimeRangeChange: (h: (range: IRange<Time> | null) => void) => rangeHandlers.delete(h),
    getVisibleRange: () => range,
    setVisibleRange: (next: IRange<Time>) => {
      calls.push(`${name} range ${Number(next.from)}-${Number(next.to)}`);
      scroll(next);
    },
  };
  const scroll = (next: IRange<Time>) => {
    range = next;
    for (const handler of rangeHandlers) handler(next);
  };
  const api = {
    subscribeCrosshairMove: (h: (param: MouseEventParams) => void) => crosshairHandlers.add(h),
    unsubscribeCrosshairMove: (h: (param: MouseEventParams) => void) => crosshairHandlers.delete(h),
    setCrosshairPosition: (price: number, time: Time) =>
      calls.push(`${name} crosshair ${(Number(time) * 1000 - T0) / MINUTE} at ${price}`),
    clearCrosshairPosition: () => calls.push(`${name} clear`),
    timeScale: () => timeScale,
  };
  const element = new EventTarget();
  return {
    parts: { api, candleSeries: {} } as unknown as ChartParts,
    element: element as unknown as HTMLElement,
    hover: () => element.dispatchEvent(new Event('pointerenter')),
    leave: () => element.dispatchEvent(new Event('pointerleave')),
    moveCrosshair: (time: number | undefined) => {
      for (const handler of crosshairHandlers)
        handler({ time: time === undefined ? undefined : seconds(time) } as MouseEventParams);
    },
    scroll: (from: number, to: number) => scroll({ from: seconds(from), to: seconds(to) }),
  };
}

async function storeWith(candles: ReturnType<typeof minuteCandles>): Promise<AppStore> {
  const store = await readyStore();
  store.getState().applySubscribeResult(subscribeResult('BTC/USDT', '1m', candles));
  return store;
}

async function synced(options: ChartSyncOptions) {
  const calls: string[] = [];
  const sync = createChartSync(() => options);
  const minutes = fakeChart('1m', calls);
  const fives = fakeChart('5m', calls);
  const fiveMinuteCandles = [0, 5, 10].map((m) => candle(T0 + m * MINUTE, 500 + m));
  const leave = [
    sync.join({
      chart: minutes.parts,
      element: minutes.element,
      store: await storeWith(minuteCandles(T0, 12)),
    }),
    sync.join({ chart: fives.parts, element: fives.element, store: await storeWith(fiveMinuteCandles) }),
  ];
  return { calls, minutes, fives, leave };
}

describe('crosshair and time sync', () => {
  it('shows the crosshair of the chart under the pointer on the others, at their candle of that moment', async () => {
    const { calls, minutes, fives } = await synced({ crosshair: true, time: false });
    minutes.moveCrosshair(T0 + 7 * MINUTE);
    expect(calls).toEqual([]);

    minutes.hover();
    minutes.moveCrosshair(T0 + 7 * MINUTE);
    // The chart under the pointer is not told about its own crosshair; a chart it moves says nothing back.
    fives.moveCrosshair(T0 + 5 * MINUTE);
    minutes.moveCrosshair(T0 - MINUTE);
    minutes.leave();
    expect(calls).toEqual(['5m crosshair 5 at 505', '5m clear', '5m clear']);
  });

  it('moves the others to the span the leading chart shows, only with time sync on', async () => {
    const off = await synced({ crosshair: true, time: false });
    off.fives.hover();
    off.fives.scroll(T0, T0 + 10 * MINUTE);
    expect(off.calls).toEqual([]);

    const on = await synced({ crosshair: false, time: true });
    on.fives.hover();
    on.fives.moveCrosshair(T0);
    on.fives.scroll(T0, T0 + 10 * MINUTE);
    expect(on.calls).toEqual([`1m range ${T0 / 1000}-${(T0 + 10 * MINUTE) / 1000}`]);
  });

  it('leaves a chart alone once it is out of the layout', async () => {
    const { calls, minutes, leave } = await synced({ crosshair: true, time: true });
    leave[1]!();
    minutes.hover();
    minutes.moveCrosshair(T0 + 3 * MINUTE);
    minutes.scroll(T0, T0 + MINUTE);
    expect(calls).toEqual([]);
  });
});
