import {
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type LineSeriesPartialOptions,
  type PriceFormat,
} from 'lightweight-charts';
import type { IndicatorLine, IndicatorPoint } from '../market/indicator-points.ts';
import type { IndicatorToggles } from '../store/indicator-toggles.ts';
import { priceFormatFor } from './price-format.ts';
import { toHistogramBar, toHistogramData, toLineData, toLinePoint } from './series-data.ts';
import type { ChartPalette } from './theme.ts';

/** The lines over the candles and the RSI and MACD panes below them, on the chart's shared time scale. */
export interface IndicatorLayers {
  /** Price-valued lines (EMAs, Bollinger, MACD) show the symbol's precision. */
  setPrecision: (precision: number) => void;
  /** Hides overlays, and removes or adds the RSI and MACD panes; a new pane is empty until `setData`. */
  setToggles: (toggles: IndicatorToggles) => void;
  /** The theme's colours, when the page switches theme. */
  setPalette: (palette: ChartPalette) => void;
  setData: (points: readonly IndicatorPoint[]) => void;
  update: (point: IndicatorPoint) => void;
}

interface Binding {
  line: IndicatorLine;
  series: ISeriesApi<'Line'>;
  color: keyof ChartPalette;
}

/** The series of one indicator; those of a pane are removed together with it. */
interface Layer {
  lines: Binding[];
  histogram: ISeriesApi<'Histogram'> | null;
  /** Reference lines (RSI 30 and 70, MACD 0), in the theme's colour of their key. */
  levels: Array<{ line: IPriceLine; color: keyof ChartPalette }>;
  /** Whether the values are prices, shown with the symbol's precision. */
  priced: boolean;
}

type Overlay = 'ema20' | 'ema50' | 'ema200' | 'bollinger';

const PRICE_PANE = 0;
/** Percent of the height for each of the RSI and MACD panes; the price pane keeps the rest. */
const INDICATOR_PANE_SHARE = 18;

const RSI_LEVELS = [30, 70];
const RSI_FORMAT: PriceFormat = { type: 'price', precision: 2, minMove: 0.01 };

export function createIndicatorLayers(chart: IChartApi, initialPalette: ChartPalette): IndicatorLayers {
  let priceFormat = priceFormatFor(2);
  let palette = initialPalette;

  const line = (
    indicatorLine: IndicatorLine,
    paneIndex: number,
    color: keyof ChartPalette,
    options: LineSeriesPartialOptions = {},
  ): Binding => ({
    line: indicatorLine,
    color,
    series: chart.addSeries(
      LineSeries,
      { lineWidth: 1, priceLineVisible: false, priceFormat, color: palette[color], ...options },
      paneIndex,
    ),
  });

  /**
   * Thin, label-free lines over the candles, so the price axis keeps the last price readable. They
   * take no part in the autoscale: the candles fill the pane, and a band or a long average far from
   * the price runs off its edge instead of squashing the candles.
   */
  const overlayLine = (
    indicatorLine: IndicatorLine,
    color: keyof ChartPalette,
    lineStyle = LineStyle.Solid,
  ) =>
    line(indicatorLine, PRICE_PANE, color, {
      lineStyle,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
      autoscaleInfoProvider: () => null,
    });

  const overlay = (...lines: Binding[]): Layer => ({ lines, histogram: null, levels: [], priced: true });
  const overlays: Record<Overlay, Layer> = {
    ema20: overlay(overlayLine('ema20', 'ema20')),
    ema50: overlay(overlayLine('ema50', 'ema50')),
    ema200: overlay(overlayLine('ema200', 'ema200')),
    bollinger: overlay(
      overlayLine('bollingerUpper', 'bollinger'),
      overlayLine('bollingerMiddle', 'bollinger', LineStyle.Dashed),
      overlayLine('bollingerLower', 'bollinger'),
    ),
  };

  function createRsiLayer(paneIndex: number): Layer {
    const rsi = line('rsi14', paneIndex, 'rsi', {
      priceFormat: RSI_FORMAT,
      // RSI lives in 0–100; a fixed range keeps 30 and 70 in the same place whatever the data.
      autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 } }),
    });
    const levels = RSI_LEVELS.map((price) => ({
      line: rsi.series.createPriceLine({
        price,
        color: palette.rsiLevel,
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: false,
      }),
      color: 'rsiLevel' as const,
    }));
    rsi.series.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.08 } });
    return { lines: [rsi], histogram: null, levels, priced: false };
  }

  function createMacdLayer(paneIndex: number): Layer {
    // The histogram first, so the lines draw over it.
    const histogram = chart.addSeries(
      HistogramSeries,
      { priceFormat, priceLineVisible: false, lastValueVisible: false },
      paneIndex,
    );
    const macd = line('macd', paneIndex, 'macd');
    const signal = line('macdSignal', paneIndex, 'macdSignal');
    const zero = histogram.createPriceLine({
      price: 0,
      color: palette.border,
      lineWidth: 1,
      lineStyle: LineStyle.Solid,
      axisLabelVisible: false,
    });
    return { lines: [macd, signal], histogram, levels: [{ line: zero, color: 'border' }], priced: true };
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

    setPalette(next) {
      palette = next;
      for (const layer of layers()) {
        for (const binding of layer.lines) binding.series.applyOptions({ color: palette[binding.color] });
        for (const level of layer.levels) level.line.applyOptions({ color: palette[level.color] });
      }
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
