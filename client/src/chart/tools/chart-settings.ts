import { PriceScaleMode, type TickMarkType, type Time } from 'lightweight-charts';
import type { Timeframe } from '../../../../shared/market-basics.ts';
import type { ChartSettings, ScaleMode, TimeZoneChoice } from '../../../../shared/workspace.ts';
import type { AppStore } from '../../store/index.ts';
import type { WorkspaceStore } from '../../workspace/workspace-store.ts';
import type { ChartParts } from '../create-price-chart.ts';
import { formatCandleTime, formatTickMark, zoneFor } from './time-format.ts';

const SCALE_MODES: Readonly<Record<ScaleMode, PriceScaleMode>> = {
  linear: PriceScaleMode.Normal,
  log: PriceScaleMode.Logarithmic,
  percent: PriceScaleMode.Percentage,
};

export const scaleOf = (settings: ChartSettings): ScaleMode => settings.scale ?? 'linear';
export const timeZoneOf = (settings: ChartSettings): TimeZoneChoice => settings.timeZone ?? 'utc';

/** Log or percent on, or back to linear when it already was. */
export function toggleScale(workspace: WorkspaceStore, mode: Exclude<ScaleMode, 'linear'>): void {
  const { settings } = workspace.getState().workspace;
  workspace.getState().updateSettings({ scale: scaleOf(settings) === mode ? 'linear' : mode });
}

const msOf = (time: Time) => (typeof time === 'number' ? time * 1000 : 0);

function applyScale(chart: ChartParts, scale: ScaleMode): void {
  chart.candleSeries.priceScale().applyOptions({ mode: SCALE_MODES[scale] });
}

function applyTimeZone(chart: ChartParts, choice: TimeZoneChoice, timeframe: Timeframe): void {
  const zone = zoneFor(choice);
  chart.api.applyOptions({
    localization: { timeFormatter: (time: Time) => formatCandleTime(msOf(time), zone, timeframe) },
    timeScale: {
      tickMarkFormatter: (time: Time, type: TickMarkType) =>
        formatTickMark(msOf(time), type, zone, timeframe),
    },
  });
}

/**
 * Keeps the chart on the workspace's price scale (linear, log, percent: the price pane's right scale,
 * which the candles share with the overlays) and its time zone, for the stream's timeframe.
 */
export function bindChartSettings(chart: ChartParts, store: AppStore, workspace: WorkspaceStore): () => void {
  let scale = scaleOf(workspace.getState().workspace.settings);
  let zone = timeZoneOf(workspace.getState().workspace.settings);
  let timeframe = store.getState().timeframe;
  applyScale(chart, scale);
  applyTimeZone(chart, zone, timeframe);

  const stopWorkspace = workspace.subscribe(({ workspace: { settings } }) => {
    if (scaleOf(settings) !== scale) applyScale(chart, (scale = scaleOf(settings)));
    if (timeZoneOf(settings) !== zone) applyTimeZone(chart, (zone = timeZoneOf(settings)), timeframe);
  });
  const stopStore = store.subscribe((state) => {
    if (state.timeframe !== timeframe) applyTimeZone(chart, zone, (timeframe = state.timeframe));
  });
  return () => {
    stopWorkspace();
    stopStore();
  };
}
