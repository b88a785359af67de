import type { ISeriesPrimitive } from 'lightweight-charts';
import type { ChartParts } from '../create-price-chart.ts';
import { externalValue, type ExternalValue } from './external-value.ts';

/** Where the chart's parts are, in CSS pixels from its top left: for what is laid over them. */
export interface PaneLayout {
  /** Each pane, top to bottom (price, then RSI and MACD when shown). */
  panes: ReadonlyArray<{ top: number; height: number }>;
  timeScaleHeight: number;
  priceScaleWidth: number;
}

/** lightweight-charts draws a one-pixel separator between panes. */
const SEPARATOR = 1;

function measure(chart: ChartParts): PaneLayout {
  let top = 0;
  const panes = chart.api.panes().map((pane) => {
    const height = pane.getHeight();
    const box = { top, height };
    top += height + SEPARATOR;
    return box;
  });
  return {
    panes,
    timeScaleHeight: chart.api.timeScale().height(),
    priceScaleWidth: chart.api.priceScale('right').width(),
  };
}

function sameLayout(a: PaneLayout, b: PaneLayout): boolean {
  return (
    a.timeScaleHeight === b.timeScaleHeight &&
    a.priceScaleWidth === b.priceScaleWidth &&
    a.panes.length === b.panes.length &&
    a.panes.every((pane, i) => pane.top === b.panes[i]?.top && pane.height === b.panes[i]?.height)
  );
}

/**
 * Follows the chart's layout. lightweight-charts has no event for a pane added, removed or resized by
 * its separator, or for the price axis growing: but it redraws after each, and before every redraw it
 * asks its primitives to update. An invisible primitive turns that into a measure, once per frame.
 */
export function paneLayout(chart: ChartParts): ExternalValue<PaneLayout> {
  return externalValue(
    () => measure(chart),
    (set) => {
      let frame: number | null = null;
      const probe: ISeriesPrimitive = {
        updateAllViews() {
          frame ??= requestAnimationFrame(() => {
            frame = null;
            set(measure(chart));
          });
        },
      };
      chart.candleSeries.attachPrimitive(probe);
      set(measure(chart));
      return () => {
        if (frame !== null) cancelAnimationFrame(frame);
        chart.candleSeries.detachPrimitive(probe);
      };
    },
    sameLayout,
  );
}
