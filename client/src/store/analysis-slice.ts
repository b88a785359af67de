import type { StateCreator } from 'zustand/vanilla';
import type { Analysis } from '../../../shared/analysis.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { SubscribeResult } from '../../../shared/protocol.ts';
import { pointsFromSeries, type IndicatorPoint } from '../market/indicator-points.ts';
import { mergeByTime } from '../market/merge-candles.ts';
import { isSameStream, type AppState, type StreamRef } from './app-state.ts';
import { DEFAULT_TOGGLES, type Indicator, type IndicatorToggles } from './indicator-toggles.ts';

/** An analysis as the card and the markers use it: the indicator series are kept apart, per candle. */
export type AnalysisUpdate = Omit<Analysis, 'series'>;

export interface AnalysisSlice {
  /** The selected stream's newest analysis (summary, fractals, latest values); null until one arrives. */
  analysis: AnalysisUpdate | null;
  /** Indicator values per candle of the selected stream: the last analysis series with every tick merged in. */
  indicators: readonly IndicatorPoint[];
  /** Bumped whenever `indicators` is replaced wholesale, so the chart knows to `setData` rather than `update`. */
  indicatorsVersion: number;
  indicatorToggles: IndicatorToggles;
  /** The selected stream's newest forecast, with its risk and scorecard; null until one arrives. */
  prediction: Prediction | null;

  /** A pushed `prediction` event; an older one than what is shown is ignored. */
  applyPrediction: (prediction: Prediction) => void;
  /** A pushed `analysis` event: updates the summary, the fractals and `latest`, never the series. */
  applyAnalysis: (analysis: Analysis) => void;
  /** Indicator values carried by candle ticks: the same time replaces the newest point, a new time appends. */
  applyIndicatorValues: (stream: StreamRef, points: readonly IndicatorPoint[]) => void;
  setIndicatorVisible: (indicator: Indicator, visible: boolean) => void;
  toggleIndicator: (indicator: Indicator) => void;
  /** Every toggle at once: the workspace's, which every chart of the layout shares. */
  setIndicatorToggles: (toggles: IndicatorToggles) => void;
}

/** What a change of stream resets; the old stream's lines and summary must never show under the new name. */
export function freshAnalysis(state: AppState): Partial<AppState> {
  return { analysis: null, prediction: null, indicators: [], indicatorsVersion: state.indicatorsVersion + 1 };
}

/** What adoptStream takes from another store of the same stream: everything freshAnalysis resets. */
export function adoptedAnalysis(state: AppState, source: AppState): Partial<AppState> {
  return {
    analysis: source.analysis,
    prediction: source.prediction,
    indicators: source.indicators,
    indicatorsVersion: state.indicatorsVersion + 1,
  };
}

/**
 * The analysis part of a subscribe ack for the selected stream. Its series covers the whole window in
 * snapshot and delta mode alike, so it always replaces the indicator points; `replace` says whether the
 * candles were replaced too, in which case points without a series would no longer match them.
 */
export function analysisFromSubscribeResult(
  state: AppState,
  result: SubscribeResult,
  replace: boolean,
): Partial<AppState> {
  const series = result.analysis?.series;
  const indicators =
    series !== undefined
      ? { indicators: pointsFromSeries(series), indicatorsVersion: state.indicatorsVersion + 1 }
      : replace && state.indicators.length > 0
        ? { indicators: [], indicatorsVersion: state.indicatorsVersion + 1 }
        : {};
  return {
    ...indicators,
    analysis: newer(state.analysis, result.analysis),
    prediction: newerPrediction(state.prediction, result.prediction ?? null),
  };
}

function newerPrediction(current: Prediction | null, incoming: Prediction | null): Prediction | null {
  if (incoming === null) return current;
  if (current !== null && incoming.computedAt < current.computedAt) return current;
  return incoming;
}

/** An analysis event can overtake the ack that answers the same subscription: keep the most recent. */
function newer(current: AnalysisUpdate | null, incoming: Analysis | null): AnalysisUpdate | null {
  if (incoming === null || (current !== null && incoming.computedAt < current.computedAt)) return current;
  const { series: _series, ...update } = incoming;
  return update;
}

type AnalysisSliceCreator = StateCreator<AppState, [], [], AnalysisSlice>;

export function createAnalysisSlice(): AnalysisSliceCreator {
  return (set, get) => {
    const setIndicatorVisible = (indicator: Indicator, visible: boolean) => {
      const toggles = get().indicatorToggles;
      if (toggles[indicator] === visible) return;
      set({ indicatorToggles: Object.freeze({ ...toggles, [indicator]: visible }) });
    };

    return {
      analysis: null,
      indicators: [],
      indicatorsVersion: 0,
      indicatorToggles: DEFAULT_TOGGLES,
      prediction: null,

      applyPrediction: (incoming) => {
        const state = get();
        if (!isSameStream(state, incoming)) return;
        const prediction = newerPrediction(state.prediction, incoming);
        if (prediction !== state.prediction) set({ prediction });
      },

      applyAnalysis: (incoming) => {
        const state = get();
        if (!isSameStream(state, incoming)) return;
        const analysis = newer(state.analysis, incoming);
        if (analysis !== state.analysis) set({ analysis });
      },

      applyIndicatorValues: (stream, points) => {
        const state = get();
        // Before the snapshot there is nothing to merge into, as for candles.
        if (state.loading || !isSameStream(state, stream)) return;
        const indicators = mergeByTime(state.indicators, points);
        if (indicators !== state.indicators) set({ indicators });
      },

      setIndicatorVisible,
      toggleIndicator: (indicator) => setIndicatorVisible(indicator, !get().indicatorToggles[indicator]),
      setIndicatorToggles: (indicatorToggles) => {
        const current = get().indicatorToggles;
        if (Object.entries(indicatorToggles).some(([k, v]) => current[k as Indicator] !== v))
          set({ indicatorToggles });
      },
    };
  };
}
