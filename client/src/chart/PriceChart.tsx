import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { AppStore } from '../store/index.ts';
import { firstCandles } from '../first-candles.ts';
import { fetchOlderCandles } from '../api/older-candles.ts';
import { feedChart } from './chart-feed.ts';
import { createPriceChart, type ChartParts } from './create-price-chart.ts';
import { pageHistoryOnScroll } from './history-pager.ts';
import { LazyChartTools } from './tools/LazyChartTools.tsx';

export interface PriceChartProps {
  /** The chart store of this chart of the layout: its stream, candles, indicators and forecast. */
  store: AppStore;
  /** Called once the chart exists, with its element (crosshair and time sync); returns its undo. */
  onChart?: (chart: ChartParts, element: HTMLElement) => () => void;
  /** Whether this is the active chart of the layout, the one the keyboard acts on. */
  active?: boolean;
}

/** Mounts the chart once; ticks reach it through the store subscription, never through React state. */
export function PriceChart({ store, onChart, active = true }: PriceChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  // The legend and the tools attach to the chart once it exists.
  const [parts, setParts] = useState<ChartParts | null>(null);
  // The latest callback when the chart is made: a new one every render must not rebuild the chart.
  const chartMade = useEffectEvent((chart: ChartParts, element: HTMLElement) => onChart?.(chart, element));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container, { overlaysAfter: firstCandles() });
    const stopFeeding = feedChart(store, chart);
    // After feedChart, so the chart holds a snapshot's candles before the pager looks at them.
    const stopPaging = pageHistoryOnScroll({ store, chart: chart.api, fetchOlder: fetchOlderCandles });
    const detach = chartMade(chart, container);
    setParts(chart);
    return () => {
      setParts(null);
      detach?.();
      stopPaging();
      stopFeeding();
      chart.dispose();
    };
  }, [store]);

  return (
    <>
      <div ref={containerRef} className="chart" data-testid="chart" />
      {parts && <LazyChartTools store={store} chart={parts} keyboard={active} />}
    </>
  );
}
