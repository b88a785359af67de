import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  createChart,
  type ChartOptions,
  type DeepPartial,
  type IChartApi,
  type ISeriesApi,
} from 'lightweight-charts';
import type { Fractal } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { IndicatorPoint } from '../market/indicator-points.ts';
import type { IndicatorToggles } from '../store/indicator-toggles.ts';
import type { ChartOverlays } from './chart-overlays.ts';
import type { AnchoredForecast } from './forecast-data.ts';
import { priceFormatFor } from './price-format.ts';
import { toCandlestickBar, toVolumeBar } from './series-data.ts';
import { MARKET_COLORS, followPageTheme, readChartPalette, type ChartPalette } from './theme.ts';

/** The chart itself and its candle series, for what attaches to them (crosshair sync across charts). */
export interface ChartParts {
  readonly api: IChartApi;
  readonly candleSeries: ISeriesApi<'Candlestick'>;
}

export interface PriceChart {
  /** Replaces every bar; for a new stream or a snapshot. */
  setCandles: (candles: readonly Candle[], pricePrecision: number) => void;
  /**
   * Every bar again after older ones were put in front, without scrolling: lightweight-charts keeps
   * the bars in view where they are when data grows at the start.
   */
  showOlderCandles: (candles: readonly Candle[]) => void;
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
  /** The forecast fan from the live price; null clears it. */
  setForecast: (forecast: AnchoredForecast | null) => void;
  dispose: () => void;
}

/**
 * Candles with their volume along the bottom of the price pane, indicator lines over them, and RSI and
 * MACD panes below, all on one time scale so the crosshair moves through every pane together.
 */
export interface PriceChartOptions {
  /** The overlays' code loads once this resolves: after the page's first candles, which need none of it. */
  overlaysAfter?: Promise<unknown>;
}

export function createPriceChart(
  container: HTMLElement,
  { overlaysAfter }: PriceChartOptions = {},
): PriceChart & ChartParts {
  let palette = readChartPalette(container);
  const theme = themed(palette);
  const chart = createChart(container, {
    ...theme,
    autoSize: true,
    layout: { ...theme.layout, fontFamily: getComputedStyle(container).fontFamily, attributionLogo: true },
    crosshair: { ...theme.crosshair, mode: CrosshairMode.Normal },
    timeScale: { ...theme.timeScale, timeVisible: true, secondsVisible: false },
  });

  const candleSeries = chart.addSeries(CandlestickSeries, {
    upColor: MARKET_COLORS.up,
    downColor: MARKET_COLORS.down,
    borderVisible: false,
    wickUpColor: MARKET_COLORS.up,
    wickDownColor: MARKET_COLORS.down,
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

  const overlays = loadOverlays(chart, candleSeries, () => palette, overlaysAfter);
  const stopFollowingTheme = followPageTheme(container, (next) => {
    palette = next;
    chart.applyOptions(themed(palette));
    overlays.call((o) => o.setPalette(palette));
  });

  return {
    api: chart,
    candleSeries,
    setCandles(candles, precision) {
      candleSeries.applyOptions({ priceFormat: priceFormatFor(precision) });
      overlays.call((o) => o.setPrecision(precision));
      candleSeries.setData(candles.map(toCandlestickBar));
      volumeSeries.setData(candles.map(toVolumeBar));
      chart.timeScale().scrollToRealTime();
    },
    showOlderCandles(candles) {
      candleSeries.setData(candles.map(toCandlestickBar));
      volumeSeries.setData(candles.map(toVolumeBar));
    },
    updateCandle(candle) {
      candleSeries.update(toCandlestickBar(candle));
      volumeSeries.update(toVolumeBar(candle));
    },
    setToggles: (toggles) => overlays.call((o) => o.setToggles(toggles)),
    setIndicators: (points) => overlays.call((o) => o.setIndicators(points)),
    updateIndicators: (point) => overlays.call((o) => o.updateIndicators(point)),
    setFractals: (fractals) => overlays.call((o) => o.setFractals(fractals)),
    setForecast: (forecast) => overlays.call((o) => o.setForecast(forecast)),
    dispose() {
      stopFollowingTheme();
      overlays.cancel();
      chart.remove();
    },
  };
}

/** The chart's options that come from the theme. */
function themed(palette: ChartPalette) {
  return {
    layout: {
      background: { type: ColorType.Solid, color: palette.background },
      textColor: palette.text,
      panes: { separatorColor: palette.border, separatorHoverColor: palette.separatorHover },
    },
    grid: { vertLines: { color: palette.grid }, horzLines: { color: palette.grid } },
    crosshair: {
      vertLine: { color: palette.crosshair, labelBackgroundColor: palette.crosshairLabel },
      horzLine: { color: palette.crosshair, labelBackgroundColor: palette.crosshairLabel },
    },
    rightPriceScale: { borderColor: palette.border },
    timeScale: { borderColor: palette.border },
  } satisfies DeepPartial<ChartOptions>;
}

/**
 * The overlays load in a chunk of their own, so the first candles never wait for them. Calls made
 * before they arrive are replayed in order, and the result is what direct calls would have drawn.
 */
function loadOverlays(
  chart: IChartApi,
  candleSeries: ISeriesApi<'Candlestick'>,
  palette: () => ChartPalette,
  after: Promise<unknown> = Promise.resolve(),
) {
  let overlays: ChartOverlays | null = null;
  /** Null once the overlays are there, or once they will never be (failed, or the chart is gone). */
  let queued: Array<(overlays: ChartOverlays) => void> | null = [];

  void after
    .then(() => import('./chart-overlays.ts'))
    .then(
      ({ createChartOverlays }) => {
        if (queued === null) return;
        overlays = createChartOverlays(chart, candleSeries, palette());
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
