import type { ChartParts } from '../create-price-chart.ts';
import { externalValue, type ExternalValue } from './external-value.ts';

/** Bars the newest may be scrolled past the right edge before "go to latest" offers itself. */
const AWAY_BARS = 2;

/** Whether the chart is scrolled back into the past, away from the newest candle. */
export function scrolledAway(chart: ChartParts): ExternalValue<boolean> {
  return externalValue(
    () => false,
    (set) => {
      const timeScale = chart.api.timeScale();
      // scrollPosition is how many bars of space lie right of the newest: negative once scrolled back.
      const check = () => set(timeScale.scrollPosition() < -AWAY_BARS);
      timeScale.subscribeVisibleLogicalRangeChange(check);
      check();
      return () => timeScale.unsubscribeVisibleLogicalRangeChange(check);
    },
  );
}

/**
 * Back to the newest candle, at once. scrollToRealTime glides there over 400 ms, and a tick or a
 * new forecast landing meanwhile can stop the glide a bar or two short.
 */
export function goToLatest(chart: ChartParts): void {
  const timeScale = chart.api.timeScale();
  timeScale.scrollToPosition(timeScale.options().rightOffset, false);
}
