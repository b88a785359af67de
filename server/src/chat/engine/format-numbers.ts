export { formatPrice, formatPercent } from '../../../../shared/format.ts';

/** A fraction as a whole percentage: `0.794` → `79%`. */
export function formatShare(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** Large unit-less numbers such as OBV: `1234567` → `1.23M`. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** An oscillator reading such as RSI or ADX, to one decimal. */
export function formatReading(value: number): string {
  return value.toFixed(1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `15:00 UTC`, with the date in front when it is not the day of `now`. */
export function formatUtcTime(time: number, now: number): string {
  const d = new Date(time);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  const sameDay = new Date(now).toISOString().slice(0, 10) === d.toISOString().slice(0, 10);
  return sameDay ? clock : `${d.toISOString().slice(0, 10)} ${clock}`;
}

/** A span as words: `24 hours`, `45 minutes`, `7 days`. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(Math.max(1, minutes), 'minute');
  if (minutes < 48 * 60) return plural(Math.round(minutes / 60), 'hour');
  return plural(Math.round(minutes / 1440), 'day');
}
