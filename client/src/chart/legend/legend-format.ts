import { formatPercent, formatPrice } from '../../format/numbers.ts';
import type { IndicatorLine } from '../../market/indicator-points.ts';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** Volume as terminals show it: `532.2`, `12.35K`, `1.2M`; exact digits are in the CSV. */
export function formatVolume(volume: number): string {
  return Math.abs(volume) < 1000 ? small.format(volume) : compact.format(volume);
}

/** A candle's move: `+12.30 (+0.03%)`, the price part at the symbol's precision. */
export function formatChange(change: number, percent: number, precision: number): string {
  const sign = change > 0 ? '+' : change < 0 ? '-' : '';
  return `${sign}${formatPrice(Math.abs(change), precision)} (${formatPercent(percent)})`;
}

/** RSI reads in points of 0–100; the rest are prices (EMAs, bands) or price differences (MACD). */
export function formatIndicator(line: IndicatorLine, value: number | null, precision: number): string {
  if (value === null) return '—';
  return line === 'rsi14' ? value.toFixed(2) : formatPrice(value, precision);
}

export type Direction = 'up' | 'down' | 'flat';

export function directionOf(change: number): Direction {
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}
