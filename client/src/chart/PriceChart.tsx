import { useEffect, useRef } from 'react';
import { appStore } from '../store/index.ts';
import { feedChart } from './chart-feed.ts';
import { createPriceChart } from './create-price-chart.ts';

/** Mounts the chart once; ticks reach it through the store subscription, never through React state. */
export function PriceChart() {
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container);
    const stopFeeding = feedChart(appStore, chart);
    return () => {
      stopFeeding();
      chart.dispose();
    };
  }, []);

  return <div ref={containerRef} className="chart" data-testid="chart" />;
}
