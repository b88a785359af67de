import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  createChart,
  type CandlestickData,
  type HistogramData,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle } from '../../../shared/market.ts';
import { formatPrice } from '../format/numbers.ts';
import { THEME } from './theme.ts';

export interface PriceChart {
  /** Replaces every bar; for a new stream or a snapshot. */
  setCandles: (candles: readonly Candle[], pricePrecision: number) => void;
  /** Appends a bar, or replaces the newest one when the time is the same. */
  updateCandle: (candle: Candle) => void;
  dispose: () => void;
}

/** Candles with their volume overlaid along the bottom of the same pane. */
export function createPriceChart(container: HTMLElement): PriceChart {
  let pricePrecision = 2;
  const chart = createChart(container, {
    // Same grouping as the header (43,210.55), so the axis and the ticker read alike.
    localization: { priceFormatter: (price: number) => formatPrice(price, pricePrecision) },
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: THEME.background },
      textColor: THEME.text,
      fontFamily: getComputedStyle(container).fontFamily,
      attributionLogo: true,
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

  return {
    setCandles(candles, precision) {
      pricePrecision = precision;
      candleSeries.applyOptions({
        priceFormat: { type: 'price', precision, minMove: 10 ** -precision },
      });
      candleSeries.setData(candles.map(toCandlestickBar));
      volumeSeries.setData(candles.map(toVolumeBar));
      chart.timeScale().scrollToRealTime();
    },
    updateCandle(candle) {
      candleSeries.update(toCandlestickBar(candle));
      volumeSeries.update(toVolumeBar(candle));
    },
    dispose() {
      chart.remove();
    },
  };
}

/** Candle times are Unix milliseconds; lightweight-charts counts UTC seconds. */
function toChartTime(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}

function toCandlestickBar(candle: Candle): CandlestickData<UTCTimestamp> {
  const { open, high, low, close } = candle;
  return { time: toChartTime(candle.time), open, high, low, close };
}

function toVolumeBar(candle: Candle): HistogramData<UTCTimestamp> {
  return {
    time: toChartTime(candle.time),
    value: candle.volume,
    color: candle.close >= candle.open ? THEME.volumeUp : THEME.volumeDown,
  };
}
