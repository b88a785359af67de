import type { Candle } from '../../../shared/market.ts';
import { candlesSince } from '../market/merge-candles.ts';
import type { AppState } from '../store/app-state.ts';
import type { AppStore } from '../store/index.ts';
import { selectPricePrecision } from '../store/selectors.ts';
import type { PriceChart } from './create-price-chart.ts';

export type ChartChange =
  | { kind: 'reset'; candles: readonly Candle[]; pricePrecision: number }
  | { kind: 'update'; candles: readonly Candle[] };

/** What the chart must do to go from showing `previous` to showing `next`; null when nothing. */
export function planChartChange(previous: AppState, next: AppState): ChartChange | null {
  const pricePrecision = selectPricePrecision(next);
  if (
    next.snapshotVersion !== previous.snapshotVersion ||
    pricePrecision !== selectPricePrecision(previous)
  ) {
    return { kind: 'reset', candles: next.candles, pricePrecision };
  }
  if (next.candles === previous.candles) return null;
  return { kind: 'update', candles: candlesSince(previous.candles, next.candles) };
}

/**
 * Feeds the chart from the store, outside React renders: `setData` once per snapshot, `update` per
 * tick. Returns the unsubscribe function.
 */
export function feedChart(store: AppStore, chart: PriceChart): () => void {
  const initial = store.getState();
  chart.setCandles(initial.candles, selectPricePrecision(initial));
  return store.subscribe((next, previous) => {
    const change = planChartChange(previous, next);
    if (change?.kind === 'reset') chart.setCandles(change.candles, change.pricePrecision);
    else if (change) for (const candle of change.candles) chart.updateCandle(candle);
  });
}
