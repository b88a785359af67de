import { ColorType } from 'lightweight-charts';
import { formatPrice } from '../../format/numbers.ts';
import type { AppStore } from '../../store/index.ts';
import { selectPricePrecision } from '../../store/selectors.ts';
import type { ChartParts } from '../create-price-chart.ts';
import { buildCsv, candlesBetween, exportFileName } from './csv-export.ts';
import { canvasToPng, downloadBlob } from './download.ts';
import { formatCandleTime, zoneLabel } from './time-format.ts';

/** The time span (ms) the chart shows, from the first to the last point in view; null before data. */
function visibleSpan(chart: ChartParts): { from: number; to: number } | null {
  const range = chart.api.timeScale().getVisibleRange();
  if (!range || typeof range.from !== 'number' || typeof range.to !== 'number') return null;
  return { from: range.from * 1000, to: range.to * 1000 };
}

/** Downloads the candles in view, with the indicators shown, as CSV; false when there are none. */
export function exportCsv(chart: ChartParts, store: AppStore): boolean {
  const span = visibleSpan(chart);
  const { candles, indicators, indicatorToggles, symbol, timeframe } = store.getState();
  const shown = span ? candlesBetween(candles, span.from, span.to) : [];
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last) return false;
  const csv = buildCsv(shown, indicators, indicatorToggles);
  downloadBlob(
    new Blob([csv], { type: 'text/csv;charset=utf-8' }),
    exportFileName(symbol, timeframe, first.time, last.time, 'csv'),
  );
  return true;
}

/**
 * Downloads the chart as drawn (candles, indicators, drawings, axes) as PNG, captioned with the
 * market, the timeframe and the last candle, which the legend shows outside the canvas.
 */
export async function exportPng(chart: ChartParts, store: AppStore, zone: string): Promise<void> {
  const state = store.getState();
  // With the top layer, where the drawings are, but without the crosshair.
  const canvas = chart.api.takeScreenshot(true, false);
  const last = state.candles.at(-1);
  const first = state.candles[0];
  const context = canvas.getContext('2d');
  if (context && last) {
    const ratio = canvas.width / Math.max(1, chart.api.chartElement().clientWidth);
    const caption = `${state.symbol} · ${state.timeframe} · ${formatCandleTime(last.time, zone, state.timeframe)} ${zoneLabel(zone)} · ${formatPrice(last.close, selectPricePrecision(state))} · TrendScope`;
    const { layout } = chart.api.options();
    context.font = `600 ${Math.round(13 * ratio)}px system-ui, sans-serif`;
    const width = context.measureText(caption).width;
    const background = layout.background.type === ColorType.Solid ? layout.background.color : '#000000';
    context.fillStyle = background;
    context.fillRect(0, 0, width + 16 * ratio, 24 * ratio);
    context.fillStyle = layout.textColor;
    context.textBaseline = 'middle';
    context.fillText(caption, 8 * ratio, 12 * ratio);
  }
  const png = await canvasToPng(canvas);
  const span = visibleSpan(chart);
  const from = span?.from ?? first?.time ?? Date.now();
  const to = Math.min(span?.to ?? Infinity, last?.time ?? Date.now());
  downloadBlob(png, exportFileName(state.symbol, state.timeframe, from, to, 'png'));
}
