import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  createChart,
  createSeriesMarkers,
} from 'lightweight-charts';
import type { Fractal } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { IndicatorPoint } from '../market/indicator-points.ts';
import type { IndicatorToggles } from '../store/indicator-toggles.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import { createForecastLayer } from './forecast-layer.ts';
import { createIndicatorLayers } from './indicator-layers.ts';
import { priceFormatFor } from './price-format.ts';
import { toCandlestickBar, toFractalMarkers, toVolumeBar } from './series-data.ts';
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
  const fractalMarkers = createSeriesMarkers(candleSeries, []);

  const volumeSeries = chart.addSeries(HistogramSeries, {
    priceScaleId: '',
    priceFormat: { type: 'volume' },
    lastValueVisible: false,
    priceLineVisible: false,
  });
  volumeSeries.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });

  const indicators = createIndicatorLayers(chart);
  const forecast = createForecastLayer(chart);

  return {
    setCandles(candles, precision) {
      candleSeries.applyOptions({ priceFormat: priceFormatFor(precision) });
      indicators.setPrecision(precision);
      forecast.setPriceFormat(priceFormatFor(precision));
      candleSeries.setData(candles.map(toCandlestickBar));
      volumeSeries.setData(candles.map(toVolumeBar));
      chart.timeScale().scrollToRealTime();
    },
    updateCandle(candle) {
      candleSeries.update(toCandlestickBar(candle));
      volumeSeries.update(toVolumeBar(candle));
    },
    setToggles(toggles) {
      indicators.setToggles(toggles);
      forecast.setVisible(toggles.forecast);
    },
    setIndicators: indicators.setData,
    updateIndicators: indicators.update,
    setFractals(fractals) {
      fractalMarkers.setMarkers(toFractalMarkers(fractals));
    },
    setForecast: forecast.setForecast,
    dispose() {
      chart.remove();
    },
  };
}
