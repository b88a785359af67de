import { createSeriesMarkers, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import type { Fractal } from '../../../shared/analysis.ts';
import type { IndicatorPoint } from '../market/indicator-points.ts';
import type { IndicatorToggles } from '../store/indicator-toggles.ts';
import type { AnchoredForecast } from './forecast-data.ts';
import { createForecastLayer } from './forecast-layer.ts';
import { createIndicatorLayers } from './indicator-layers.ts';
import { priceFormatFor } from './price-format.ts';
import { toFractalMarkers } from './series-data.ts';
import type { ChartPalette } from './theme.ts';

/** Everything drawn over and under the candles: indicator lines and panes, fractal markers, the forecast. */
export interface ChartOverlays {
  setPrecision: (precision: number) => void;
  setToggles: (toggles: IndicatorToggles) => void;
  setIndicators: (points: readonly IndicatorPoint[]) => void;
  updateIndicators: (point: IndicatorPoint) => void;
  setFractals: (fractals: readonly Fractal[]) => void;
  setForecast: (forecast: AnchoredForecast | null) => void;
  setPalette: (palette: ChartPalette) => void;
}

export function createChartOverlays(
  chart: IChartApi,
  candleSeries: ISeriesApi<'Candlestick'>,
  palette: ChartPalette,
): ChartOverlays {
  const fractalMarkers = createSeriesMarkers(candleSeries, []);
  const indicators = createIndicatorLayers(chart, palette);
  const forecast = createForecastLayer(chart, palette);

  return {
    setPrecision(precision) {
      indicators.setPrecision(precision);
      forecast.setPriceFormat(priceFormatFor(precision));
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
    setPalette(next) {
      indicators.setPalette(next);
      forecast.setPalette(next);
    },
  };
}
