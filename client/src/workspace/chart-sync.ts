import type { IRange, MouseEventParams, Time, UTCTimestamp } from 'lightweight-charts';
import type { Candle } from '../../../shared/market.ts';
import type { ChartParts } from '../chart/create-price-chart.ts';
import type { AppStore } from '../store/index.ts';

/** One chart of the layout, as the sync sees it. */
export interface SyncedChart {
  chart: ChartParts;
  /** Its chart store: the candles a crosshair lands on. */
  store: AppStore;
  /** The chart's element: the pointer over it makes it the one the others follow. */
  element: HTMLElement;
}

export interface ChartSyncOptions {
  crosshair: boolean;
  time: boolean;
}

/** The candle open at `time` (ms): the newest one at or before it, or undefined before the first. */
export function candleAt(candles: readonly Candle[], time: number): Candle | undefined {
  let low = 0;
  let high = candles.length - 1;
  let found: Candle | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candle = candles[middle] as Candle;
    if (candle.time <= time) {
      found = candle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

const msOf = (time: Time) => (time as UTCTimestamp) * 1000;

/**
 * Crosshair and time sync across the charts of a layout. The chart under the pointer leads: its
 * crosshair shows on every other chart at the candle open at that moment (whatever their timeframes
 * or markets), and scrolling or zooming it moves the others to the same span of time. Only the
 * leader's own events are passed on, so the charts it moves never echo back.
 */
export function createChartSync(options: () => ChartSyncOptions) {
  const charts = new Set<SyncedChart>();
  let leader: SyncedChart | null = null;

  const others = (chart: SyncedChart) => [...charts].filter((other) => other !== chart);

  function showCrosshair(from: SyncedChart, time: Time | undefined): void {
    for (const other of others(from)) {
      const candle = time === undefined ? undefined : candleAt(other.store.getState().candles, msOf(time));
      if (candle)
        other.chart.api.setCrosshairPosition(
          candle.close,
          (candle.time / 1000) as UTCTimestamp,
          other.chart.candleSeries,
        );
      else other.chart.api.clearCrosshairPosition();
    }
  }

  function showRange(from: SyncedChart, range: IRange<Time> | null): void {
    if (!range) return;
    for (const other of others(from)) {
      // A chart without candles yet has no time scale to set.
      if (other.store.getState().candles.length > 0) other.chart.api.timeScale().setVisibleRange(range);
    }
  }

  return {
    /** Adds a chart to the sync; returns what takes it out. */
    join(chart: SyncedChart): () => void {
      charts.add(chart);
      const lead = () => (leader = chart);
      const leave = () => {
        if (leader !== chart) return;
        leader = null;
        if (options().crosshair) showCrosshair(chart, undefined);
      };
      const onCrosshair = (param: MouseEventParams) => {
        if (leader === chart && options().crosshair) showCrosshair(chart, param.time);
      };
      const onRange = (range: IRange<Time> | null) => {
        if (leader === chart && options().time) showRange(chart, range);
      };
      chart.element.addEventListener('pointerenter', lead);
      chart.element.addEventListener('pointerdown', lead);
      chart.element.addEventListener('pointerleave', leave);
      chart.chart.api.subscribeCrosshairMove(onCrosshair);
      chart.chart.api.timeScale().subscribeVisibleTimeRangeChange(onRange);
      return () => {
        leave();
        charts.delete(chart);
        chart.element.removeEventListener('pointerenter', lead);
        chart.element.removeEventListener('pointerdown', lead);
        chart.element.removeEventListener('pointerleave', leave);
        chart.chart.api.unsubscribeCrosshairMove(onCrosshair);
        chart.chart.api.timeScale().unsubscribeVisibleTimeRangeChange(onRange);
      };
    },

    /** Brings every other chart to `chart`'s span of time: when time sync is switched on. */
    alignTo(chart: SyncedChart | undefined): void {
      if (chart) showRange(chart, chart.chart.api.timeScale().getVisibleRange());
    },

    /** The chart of a store, if it is in the sync. */
    chartOf(store: AppStore): SyncedChart | undefined {
      return [...charts].find((chart) => chart.store === store);
    },
  };
}

export type ChartSync = ReturnType<typeof createChartSync>;
