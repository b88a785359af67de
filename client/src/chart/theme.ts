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
