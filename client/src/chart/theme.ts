/** Colours shared by the chart and the stylesheet's custom properties (styles.css). */
export const THEME = Object.freeze({
  background: '#0b0e11',
  text: '#848e9c',
  grid: '#1b2027',
  border: '#2b3139',
  crosshair: '#5e6673',
  up: '#26a69a',
  down: '#ef5350',
  volumeUp: 'rgba(38, 166, 154, 0.45)',
  volumeDown: 'rgba(239, 83, 80, 0.45)',
});

/** Indicator colours; the toggle bar's swatches use the same ones (see components/IndicatorBar.tsx). */
export const INDICATOR_COLORS = Object.freeze({
  ema20: '#f0c419',
  ema50: '#3d9df2',
  ema200: '#d16bf0',
  bollinger: 'rgba(132, 160, 190, 0.6)',
  rsi: '#b39dfa',
  rsiLevel: 'rgba(132, 142, 156, 0.7)',
  macd: '#3d9df2',
  macdSignal: '#ff9f43',
  histogramUp: 'rgba(38, 166, 154, 0.6)',
  histogramDown: 'rgba(239, 83, 80, 0.6)',
  fractalHigh: '#ef5350',
  fractalLow: '#26a69a',
  forecast: '#f5a524',
  forecastBand80: 'rgba(245, 165, 36, 0.75)',
  forecastBand95: 'rgba(245, 165, 36, 0.4)',
});
