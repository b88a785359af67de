import { LineSeries, LineStyle, type IChartApi, type ISeriesApi, type PriceFormat } from 'lightweight-charts';
import type { Prediction } from '../../../shared/prediction.ts';
import { FORECAST_LINES, forecastLines, type ForecastLine } from './forecast-data.ts';
import { INDICATOR_COLORS } from './theme.ts';

export interface ForecastLayer {
  /** Draws a forecast ahead of the last candle, or clears it with null. Once per forecast, not per tick. */
  setForecast: (prediction: Prediction | null) => void;
  setVisible: (visible: boolean) => void;
  setPriceFormat: (format: PriceFormat) => void;
}

const STYLE: Record<ForecastLine, { color: string; lineStyle: LineStyle; lineWidth: 1 | 2; title: string }> =
  {
    upper95: {
      color: INDICATOR_COLORS.forecastBand95,
      lineStyle: LineStyle.Dotted,
      lineWidth: 1,
      title: '95%',
    },
    upper80: {
      color: INDICATOR_COLORS.forecastBand80,
      lineStyle: LineStyle.Dashed,
      lineWidth: 1,
      title: '80%',
    },
    yhat: { color: INDICATOR_COLORS.forecast, lineStyle: LineStyle.SparseDotted, lineWidth: 2, title: '' },
    lower80: { color: INDICATOR_COLORS.forecastBand80, lineStyle: LineStyle.Dashed, lineWidth: 1, title: '' },
    lower95: { color: INDICATOR_COLORS.forecastBand95, lineStyle: LineStyle.Dotted, lineWidth: 1, title: '' },
  };

/** The forecast's central path and its 80 % and 95 % bands, as lines on the price pane. */
export function createForecastLayer(chart: IChartApi, paneIndex = 0): ForecastLayer {
  const series = Object.fromEntries(
    FORECAST_LINES.map((line) => [
      line,
      chart.addSeries(
        LineSeries,
        {
          ...STYLE[line],
          priceLineVisible: false,
          lastValueVisible: false,
          crosshairMarkerVisible: line === 'yhat',
        },
        paneIndex,
      ),
    ]),
  ) as Record<ForecastLine, ISeriesApi<'Line'>>;

  return {
    setForecast(prediction) {
      const lines = prediction ? forecastLines(prediction) : undefined;
      for (const line of FORECAST_LINES) series[line].setData(lines?.[line] ?? []);
    },
    setVisible(visible) {
      for (const line of FORECAST_LINES) series[line].applyOptions({ visible });
    },
    setPriceFormat(priceFormat) {
      for (const line of FORECAST_LINES) series[line].applyOptions({ priceFormat });
    },
  };
}
