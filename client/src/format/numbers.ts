export { formatPrice, formatPercent } from '../../../shared/format.ts';

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** A look-back span as a short label: `24h`, `16h`, `45m`. */
export function formatSpan(ms: number): string {
  if (ms >= HOUR_MS) return `${Math.floor(ms / HOUR_MS)}h`;
  return `${Math.max(1, Math.floor(ms / MINUTE_MS))}m`;
}
