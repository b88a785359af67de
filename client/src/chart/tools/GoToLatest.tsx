import { useSyncExternalStore } from 'react';
import type { ChartParts } from '../create-price-chart.ts';
import type { ExternalValue } from './external-value.ts';
import { LatestIcon } from './icons.tsx';
import { goToLatest } from './scrolled-away.ts';
import type { PaneLayout } from './pane-layout.ts';

interface GoToLatestProps {
  chart: ChartParts;
  away: ExternalValue<boolean>;
  layout: ExternalValue<PaneLayout>;
}

/** Bottom right, beside the price axis, once the chart is scrolled into the past: back to the newest candle. */
export function GoToLatest({ chart, away, layout }: GoToLatestProps) {
  const scrolledAway = useSyncExternalStore(away.subscribe, away.get);
  const { timeScaleHeight, priceScaleWidth } = useSyncExternalStore(layout.subscribe, layout.get);
  if (!scrolledAway) return null;
  return (
    <button
      type="button"
      className="chart-latest"
      style={{ bottom: timeScaleHeight + 6, right: priceScaleWidth + 8 }}
      aria-label="Go to the latest candle"
      title="Go to the latest candle (End)"
      data-testid="go-to-latest"
      onClick={() => goToLatest(chart)}
    >
      <LatestIcon />
    </button>
  );
}
