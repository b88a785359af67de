import { LineSeries, LineStyle, type IChartApi, type ISeriesApi, type PriceFormat } from 'lightweight-charts';
import { FORECAST_LINES, forecastLines, type AnchoredForecast, type ForecastLine } from './forecast-data.ts';
import type { ChartPalette } from './theme.ts';

export interface ForecastLayer {
  /** Draws the fan from the live price, or clears it with null; again on every tick, as the anchor moves. */
  setForecast: (forecast: AnchoredForecast | null) => void;
  setVisible: (visible: boolean) => void;
  setPriceFormat: (format: PriceFormat) => void;
  setPalette: (palette: ChartPalette) => void;
}

const STYLE: Record<
  ForecastLine,
  { color: keyof ChartPalette; lineStyle: LineStyle; lineWidth: 1 | 2; title: string }
> = {
  upper95: { color: 'forecastBand95', lineStyle: LineStyle.Dotted, lineWidth: 1, title: '95%' },
  upper80: { color: 'forecastBand80', lineStyle: LineStyle.Dashed, lineWidth: 1, title: '80%' },
  yhat: { color: 'forecast', lineStyle: LineStyle.SparseDotted, lineWidth: 2, title: '' },
  lower80: { color: 'forecastBand80', lineStyle: LineStyle.Dashed, lineWidth: 1, title: '' },
  lower95: { color: 'forecastBand95', lineStyle: LineStyle.Dotted, lineWidth: 1, title: '' },
};

/**
 * The forecast's central path and its 80 % and 95 % bands, as lines on the price pane. They take no
 * part in the autoscale: the 95 % band of a 4h or daily forecast is wide, and the candles must keep
 * the pane; the bands run off its edge instead.
 */
export function createForecastLayer(chart: IChartApi, palette: ChartPalette, paneIndex = 0): ForecastLayer {
  const series = Object.fromEntries(
    FORECAST_LINES.map((line) => {
      const { color, ...style } = STYLE[line];
      return [
        line,
        chart.addSeries(
          LineSeries,
          {
            ...style,
            color: palette[color],
            priceLineVisible: false,
            lastValueVisible: false,
            crosshairMarkerVisible: line === 'yhat',
            autoscaleInfoProvider: () => null,
          },
          paneIndex,
        ),
      ];
    }),
  ) as Record<ForecastLine, ISeriesApi<'Line'>>;

  return {
    setForecast(forecast) {
      const lines = forecast ? forecastLines(forecast) : undefined;
      for (const line of FORECAST_LINES) series[line].setData(lines?.[line] ?? []);
    },
    setVisible(visible) {
      for (const line of FORECAST_LINES) series[line].applyOptions({ visible });
    },
    setPriceFormat(priceFormat) {
      for (const line of FORECAST_LINES) series[line].applyOptions({ priceFormat });
    },
    setPalette(next) {
      for (const line of FORECAST_LINES) series[line].applyOptions({ color: next[STYLE[line].color] });
    },
  };
}
