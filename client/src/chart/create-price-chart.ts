import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
} from 'lightweight-charts';
import type { Fractal } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { IndicatorPoint } from '../market/indicator-points.ts';
import type { IndicatorToggles } from '../store/indicator-toggles.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { ChartOverlays } from './chart-overlays.ts';
import { priceFormatFor } from './price-format.ts';
import { toCandlestickBar, toVolumeBar } from './series-data.ts';
import { THEME } from './theme.ts';

export interface PriceChart {
  /** Replaces every bar; for a new stream or a snapshot. */
  setCandles: (candles: readonly Candle[], pricePrecision: number) => void;
  /** Appends a bar, or replaces the newest one when the time is the same. */
  updateCandle: (candle: Candle) => void;
  /** Shows or hides the overlays and the RSI and MACD panes; a pane shown again waits for `setIndicators`. */
  setToggles: (toggles: IndicatorToggles) => void;
  /** Replaces every indicator line; for a new analysis series. */
  setIndicators: (points: readonly IndicatorPoint[]) => void;
  /** Appends the indicator values at a candle, or replaces the newest ones when the time is the same. */
  updateIndicators: (point: IndicatorPoint) => void;
  /** The fractal markers on the candles; an empty list removes them. */
  setFractals: (fractals: readonly Fractal[]) => void;
  /** The forecast fan ahead of the last candle; null clears it. */
  setForecast: (prediction: Prediction | null) => void;
  dispose: () => void;
}

/**
 * Candles with their volume along the bottom of the price pane, indicator lines over them, and RSI and
 * MACD panes below, all on one time scale so the crosshair moves through every pane together.
 */
export function createPriceChart(container: HTMLElement): PriceChart {
  const chart = createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: THEME.background },
      textColor: THEME.text,
      fontFamily: getComputedStyle(container).fontFamily,
      attributionLogo: true,
      panes: { separatorColor: THEME.border, separatorHoverColor: 'rgba(132, 142, 156, 0.25)' },
    },
    grid: { vertLines: { color: THEME.grid }, horzLines: { color: THEME.grid } },
    crosshair: {
      mode: CrosshairMode.Normal,
      vertLine: { color: THEME.crosshair, labelBackgroundColor: THEME.border },
      horzLine: { color: THEME.crosshair, labelBackgroundColor: THEME.border },
    },
    rightPriceScale: { borderColor: THEME.border },
    timeScale: { borderColor: THEME.border, timeVisible: true, secondsVisible: false },
  });

  const candleSeries = chart.addSeries(CandlestickSeries, {
    upColor: THEME.up,
    downColor: THEME.down,
    borderVisible: false,
    wickUpColor: THEME.up,
    wickDownColor: THEME.down,
    priceFormat: priceFormatFor(2),
  });
  // Leave the bottom fifth of the pane to the volume bars.
  candleSeries.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.24 } });

  const volumeSeries = chart.addSeries(HistogramSeries, {
    priceScaleId: '',
    priceFormat: { type: 'volume' },
    lastValueVisible: false,
    priceLineVisible: false,
  });
  volumeSeries.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });

  const overlays = loadOverlays(chart, candleSeries);

  return {
    setCandles(candles, precision) {
      candleSeries.applyOptions({ priceFormat: priceFormatFor(precision) });
      overlays.call((o) => o.setPrecision(precision));
      candleSeries.setData(candles.map(toCandlestickBar));
      volumeSeries.setData(candles.map(toVolumeBar));
      chart.timeScale().scrollToRealTime();
    },
    updateCandle(candle) {
      candleSeries.update(toCandlestickBar(candle));
      volumeSeries.update(toVolumeBar(candle));
    },
    setToggles: (toggles) => overlays.call((o) => o.setToggles(toggles)),
    setIndicators: (points) => overlays.call((o) => o.setIndicators(points)),
    updateIndicators: (point) => overlays.call((o) => o.updateIndicators(point)),
    setFractals: (fractals) => overlays.call((o) => o.setFractals(fractals)),
    setForecast: (prediction) => overlays.call((o) => o.setForecast(prediction)),
    dispose() {
      overlays.cancel();
      chart.remove();
    },
  };
}

/**
 * The overlays load in a chunk of their own, so the first candles never wait for them. Calls made
 * before they arrive are replayed in order, and the result is what direct calls would have drawn.
 */
function loadOverlays(chart: IChartApi, candleSeries: ISeriesApi<'Candlestick'>) {
  let overlays: ChartOverlays | null = null;
  /** Null once the overlays are there, or once they will never be (failed, or the chart is gone). */
  let queued: Array<(overlays: ChartOverlays) => void> | null = [];

  void import('./chart-overlays.ts').then(
    ({ createChartOverlays }) => {
      if (queued === null) return;
      overlays = createChartOverlays(chart, candleSeries);
      for (const call of queued) call(overlays);
      queued = null;
    },
    (error: unknown) => {
      queued = null;
      console.warn('The chart overlays could not load; the candles still show.', error);
    },
  );

  return {
    call(draw: (overlays: ChartOverlays) => void) {
      if (overlays) draw(overlays);
      else queued?.push(draw);
    },
    cancel() {
      overlays = null;
      queued = null;
    },
  };
}
