import {
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type LineSeriesPartialOptions,
  type PriceFormat,
} from 'lightweight-charts';
import type { IndicatorLine, IndicatorPoint } from '../market/indicator-points.ts';
import type { IndicatorToggles } from '../store/indicator-toggles.ts';
import { priceFormatFor } from './price-format.ts';
import { toHistogramBar, toHistogramData, toLineData, toLinePoint } from './series-data.ts';
import { INDICATOR_COLORS, THEME } from './theme.ts';

/** The lines over the candles and the RSI and MACD panes below them, on the chart's shared time scale. */
export interface IndicatorLayers {
  /** Price-valued lines (EMAs, Bollinger, MACD) show the symbol's precision. */
  setPrecision: (precision: number) => void;
  /** Hides overlays, and removes or adds the RSI and MACD panes; a new pane is empty until `setData`. */
  setToggles: (toggles: IndicatorToggles) => void;
  setData: (points: readonly IndicatorPoint[]) => void;
  update: (point: IndicatorPoint) => void;
}

interface Binding {
  line: IndicatorLine;
  series: ISeriesApi<'Line'>;
}

/** The series of one indicator; those of a pane are removed together with it. */
interface Layer {
  lines: Binding[];
  histogram: ISeriesApi<'Histogram'> | null;
  /** Whether the values are prices, shown with the symbol's precision. */
  priced: boolean;
}

type Overlay = 'ema20' | 'ema50' | 'ema200' | 'bollinger';

const PRICE_PANE = 0;
/** Percent of the height for each of the RSI and MACD panes; the price pane keeps the rest. */
const INDICATOR_PANE_SHARE = 18;

const RSI_LEVELS = [30, 70];
const RSI_FORMAT: PriceFormat = { type: 'price', precision: 2, minMove: 0.01 };

export function createIndicatorLayers(chart: IChartApi): IndicatorLayers {
  let priceFormat = priceFormatFor(2);

  const line = (
    indicatorLine: IndicatorLine,
    paneIndex: number,
    options: LineSeriesPartialOptions,
  ): Binding => ({
    line: indicatorLine,
    series: chart.addSeries(
      LineSeries,
      { lineWidth: 1, priceLineVisible: false, priceFormat, ...options },
      paneIndex,
    ),
  });

  /** Thin, label-free lines over the candles, so the price axis keeps the last price readable. */
  const overlayLine = (indicatorLine: IndicatorLine, color: string, lineStyle = LineStyle.Solid) =>
    line(indicatorLine, PRICE_PANE, {
      color,
      lineStyle,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
    });

  const overlays: Record<Overlay, Layer> = {
    ema20: { lines: [overlayLine('ema20', INDICATOR_COLORS.ema20)], histogram: null, priced: true },
    ema50: { lines: [overlayLine('ema50', INDICATOR_COLORS.ema50)], histogram: null, priced: true },
    ema200: { lines: [overlayLine('ema200', INDICATOR_COLORS.ema200)], histogram: null, priced: true },
    bollinger: {
      lines: [
        overlayLine('bollingerUpper', INDICATOR_COLORS.bollinger),
        overlayLine('bollingerMiddle', INDICATOR_COLORS.bollinger, LineStyle.Dashed),
        overlayLine('bollingerLower', INDICATOR_COLORS.bollinger),
      ],
      histogram: null,
      priced: true,
    },
  };

  function createRsiLayer(paneIndex: number): Layer {
    const rsi = line('rsi14', paneIndex, {
      color: INDICATOR_COLORS.rsi,
      priceFormat: RSI_FORMAT,
      // RSI lives in 0–100; a fixed range keeps 30 and 70 in the same place whatever the data.
      autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 } }),
    });
    for (const price of RSI_LEVELS) {
      rsi.series.createPriceLine({
        price,
        color: INDICATOR_COLORS.rsiLevel,
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: false,
      });
    }
    rsi.series.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.08 } });
    return { lines: [rsi], histogram: null, priced: false };
  }

  function createMacdLayer(paneIndex: number): Layer {
    // The histogram first, so the lines draw over it.
    const histogram = chart.addSeries(
      HistogramSeries,
      { priceFormat, priceLineVisible: false, lastValueVisible: false },
      paneIndex,
    );
    const macd = line('macd', paneIndex, { color: INDICATOR_COLORS.macd });
    const signal = line('macdSignal', paneIndex, { color: INDICATOR_COLORS.macdSignal });
    histogram.createPriceLine({
      price: 0,
      color: THEME.border,
      lineWidth: 1,
      lineStyle: LineStyle.Solid,
      axisLabelVisible: false,
    });
    return { lines: [macd, signal], histogram, priced: true };
  }

  let rsi: Layer | null = null;
  let macd: Layer | null = null;

  const layers = (): Layer[] =>
    [...Object.values(overlays), rsi, macd].filter((layer): layer is Layer => layer !== null);

  const seriesOf = (layer: Layer) => [
    ...(layer.histogram ? [layer.histogram] : []),
    ...layer.lines.map((binding) => binding.series),
  ];

  /** Removing a pane's last series removes the pane, and the panes below move up. */
  function removeLayer(layer: Layer): void {
    for (const series of seriesOf(layer)) chart.removeSeries(series);
  }

  /** RSI right under the price pane, MACD under both; the price pane keeps most of the height. */
  function arrangePanes(): void {
    let paneIndex = PRICE_PANE + 1;
    for (const layer of [rsi, macd]) {
      const first = layer ? seriesOf(layer)[0] : undefined;
      if (!first) continue;
      const pane = first.getPane();
      if (pane.paneIndex() !== paneIndex) pane.moveTo(paneIndex);
      first.getPane().setStretchFactor(INDICATOR_PANE_SHARE);
      paneIndex++;
    }
    const shown = paneIndex - PRICE_PANE - 1;
    chart.panes()[PRICE_PANE]?.setStretchFactor(100 - shown * INDICATOR_PANE_SHARE);
  }

  function fill(layer: Layer, points: readonly IndicatorPoint[]): void {
    for (const binding of layer.lines) binding.series.setData(toLineData(points, binding.line));
    layer.histogram?.setData(toHistogramData(points));
  }

  return {
    setPrecision(precision) {
      priceFormat = priceFormatFor(precision);
      for (const layer of layers())
        if (layer.priced) for (const series of seriesOf(layer)) series.applyOptions({ priceFormat });
    },

    setToggles(toggles) {
      for (const [overlay, layer] of Object.entries(overlays) as Array<[Overlay, Layer]>)
        for (const binding of layer.lines) binding.series.applyOptions({ visible: toggles[overlay] });

      // A new pane goes below the others first; arrangePanes puts it in its place.
      if (toggles.rsi && !rsi) rsi = createRsiLayer(chart.panes().length);
      if (!toggles.rsi && rsi) {
        removeLayer(rsi);
        rsi = null;
      }
      if (toggles.macd && !macd) macd = createMacdLayer(chart.panes().length);
      if (!toggles.macd && macd) {
        removeLayer(macd);
        macd = null;
      }
      arrangePanes();
    },

    setData(points) {
      for (const layer of layers()) fill(layer, points);
    },

    update(point) {
      for (const layer of layers()) {
        for (const binding of layer.lines) {
          const bar = toLinePoint(point, binding.line);
          if (bar) binding.series.update(bar);
        }
        const bar = layer.histogram ? toHistogramBar(point) : null;
        if (bar) layer.histogram?.update(bar);
      }
    },
  };
}
