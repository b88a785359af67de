import type { Fractal } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { IndicatorPoint } from '../market/indicator-points.ts';
import { candlesSince, itemsSince } from '../market/merge-candles.ts';
import type { AppState } from '../store/app-state.ts';
import type { AppStore } from '../store/index.ts';
import type { IndicatorToggles } from '../store/indicator-toggles.ts';
import { selectPricePrecision } from '../store/selectors.ts';
import type { PriceChart } from './create-price-chart.ts';
import { anchorForecast, type AnchoredForecast } from './forecast-data.ts';

export type ChartChange =
  | { kind: 'reset'; candles: readonly Candle[]; pricePrecision: number }
  | { kind: 'prepend'; candles: readonly Candle[] }
  | { kind: 'update'; candles: readonly Candle[] };

export type IndicatorChange =
  | { kind: 'reset'; points: readonly IndicatorPoint[] }
  | { kind: 'update'; points: readonly IndicatorPoint[] };

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
  // Older candles were put in front (history paging): every bar again, the view left where it is.
  if ((next.candles[0]?.time ?? Infinity) < (previous.candles[0]?.time ?? -Infinity))
    return { kind: 'prepend', candles: next.candles };
  return { kind: 'update', candles: candlesSince(previous.candles, next.candles) };
}

/** The toggles to apply before anything else, when they changed; a pane shown again is empty. */
export function planToggleChange(previous: AppState, next: AppState): IndicatorToggles | null {
  return next.indicatorToggles === previous.indicatorToggles ? null : next.indicatorToggles;
}

/**
 * The indicator lines as the candles: `setData` when a series arrives (snapshot, delta ack or stream
 * switch) or when a pane was shown or hidden, `update` for the values that ticks brought. Hidden
 * overlays keep being fed, so showing one needs nothing more.
 */
export function planIndicatorChange(previous: AppState, next: AppState): IndicatorChange | null {
  if (next.indicatorsVersion !== previous.indicatorsVersion || panesChanged(previous, next)) {
    return { kind: 'reset', points: next.indicators };
  }
  if (next.indicators === previous.indicators) return null;
  return { kind: 'update', points: itemsSince(previous.indicators, next.indicators) };
}

/** The RSI and MACD panes are removed when hidden, so one shown again starts empty. */
function panesChanged(previous: AppState, next: AppState): boolean {
  const before = previous.indicatorToggles;
  const after = next.indicatorToggles;
  return before.rsi !== after.rsi || before.macd !== after.macd;
}

const NO_FRACTALS: readonly Fractal[] = Object.freeze([]);

/** The fractals to mark on the candles: none while switched off or before an analysis. */
export function selectShownFractals(state: AppState): readonly Fractal[] {
  return state.indicatorToggles.fractals ? (state.analysis?.fractals ?? NO_FRACTALS) : NO_FRACTALS;
}

/** The fractal markers to set, when they changed; null when nothing, as for most analysis events. */
export function planFractalChange(previous: AppState, next: AppState): readonly Fractal[] | null {
  const shown = selectShownFractals(next);
  return sameFractals(shown, selectShownFractals(previous)) ? null : shown;
}

function sameFractals(a: readonly Fractal[], b: readonly Fractal[]): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every((f, i) => f.time === b[i]?.time && f.kind === b[i]?.kind && f.price === b[i]?.price))
  );
}

/**
 * The forecast's fan from the live price: drawn again when a forecast arrives, the stream changes or
 * the newest candle ticks, since the fan starts at its close; undefined when none of these changed.
 */
export function planForecastChange(previous: AppState, next: AppState): AnchoredForecast | null | undefined {
  const { prediction } = next;
  if (
    prediction === previous.prediction &&
    (prediction === null || next.candles.at(-1) === previous.candles.at(-1))
  )
    return undefined;
  return prediction && anchorForecast(prediction, next.candles);
}

/**
 * Feeds the chart from the store, outside React renders: `setData` once per snapshot or analysis
 * series, `update` per tick. Returns the unsubscribe function.
 */
export function feedChart(store: AppStore, chart: PriceChart): () => void {
  const initial = store.getState();
  chart.setToggles(initial.indicatorToggles);
  chart.setCandles(initial.candles, selectPricePrecision(initial));
  chart.setIndicators(initial.indicators);
  chart.setFractals(selectShownFractals(initial));
  chart.setForecast(initial.prediction && anchorForecast(initial.prediction, initial.candles));
  return store.subscribe((next, previous) => {
    const toggles = planToggleChange(previous, next);
    if (toggles) chart.setToggles(toggles);

    const change = planChartChange(previous, next);
    if (change?.kind === 'reset') chart.setCandles(change.candles, change.pricePrecision);
    else if (change?.kind === 'prepend') chart.showOlderCandles(change.candles);
    else if (change) for (const candle of change.candles) chart.updateCandle(candle);

    const indicators = planIndicatorChange(previous, next);
    if (indicators?.kind === 'reset') chart.setIndicators(indicators.points);
    else if (indicators) for (const point of indicators.points) chart.updateIndicators(point);

    const fractals = planFractalChange(previous, next);
    if (fractals) chart.setFractals(fractals);

    const forecast = planForecastChange(previous, next);
    if (forecast !== undefined) chart.setForecast(forecast);
  });
}
