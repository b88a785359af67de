/**
 * The chart's colours. Everything themed is a custom property of styles.css, read here when a chart
 * is made and again whenever the page's theme changes; only the candle colours, the same in both
 * themes, are constants, because each volume bar, histogram bar and fractal marker carries its own.
 */

/** Candles and what is coloured like them, per bar; styles.css has the same --up and --down. */
export const MARKET_COLORS = Object.freeze({
  up: '#26a69a',
  down: '#ef5350',
  volumeUp: 'rgba(38, 166, 154, 0.45)',
  volumeDown: 'rgba(239, 83, 80, 0.45)',
  histogramUp: 'rgba(38, 166, 154, 0.6)',
  histogramDown: 'rgba(239, 83, 80, 0.6)',
  fractalHigh: '#ef5350',
  fractalLow: '#26a69a',
});

/**
 * Indicator colours for the page (toggle swatches, legend values): references to the theme's
 * custom properties, so they follow it without a render.
 */
export const INDICATOR_COLORS = Object.freeze({
  ema20: 'var(--ema20)',
  ema50: 'var(--ema50)',
  ema200: 'var(--ema200)',
  bollinger: 'var(--bollinger)',
  rsi: 'var(--rsi)',
  macd: 'var(--macd)',
  macdSignal: 'var(--macd-signal)',
  forecast: 'var(--forecast)',
});

/** Which custom property each colour of the canvas comes from. */
const PROPERTIES = {
  background: '--bg',
  text: '--muted',
  grid: '--grid',
  border: '--border',
  crosshair: '--crosshair',
  crosshairLabel: '--crosshair-label',
  separatorHover: '--separator-hover',
  ema20: '--ema20',
  ema50: '--ema50',
  ema200: '--ema200',
  bollinger: '--bollinger',
  rsi: '--rsi',
  rsiLevel: '--rsi-level',
  macd: '--macd',
  macdSignal: '--macd-signal',
  forecast: '--forecast',
  forecastBand80: '--forecast-band80',
  forecastBand95: '--forecast-band95',
} as const;

export type ChartPalette = Readonly<Record<keyof typeof PROPERTIES, string>>;

/** The theme's colours as the page has them now, as plain strings the canvas takes. */
export function readChartPalette(element: Element): ChartPalette {
  const style = getComputedStyle(element);
  const palette = {} as Record<keyof typeof PROPERTIES, string>;
  for (const [key, property] of Object.entries(PROPERTIES) as Array<[keyof typeof PROPERTIES, string]>)
    palette[key] = style.getPropertyValue(property).trim();
  return palette;
}

/** Calls `repaint` with the new colours whenever the page switches theme (<html data-theme>); returns the undo. */
export function followPageTheme(element: Element, repaint: (palette: ChartPalette) => void): () => void {
  const root = element.ownerDocument.documentElement;
  const observer = new MutationObserver(() => repaint(readChartPalette(element)));
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
