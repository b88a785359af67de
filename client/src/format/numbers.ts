const priceFormats = new Map<number, Intl.NumberFormat>();

/** `43210.5` with precision 2 → `43,210.50`. */
export function formatPrice(value: number, precision: number): string {
  let format = priceFormats.get(precision);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: precision,
      maximumFractionDigits: precision,
    });
    priceFormats.set(precision, format);
  }
  return format.format(value);
}

const percentFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});

/** `1.234` → `+1.23%`, `-0.5` → `-0.50%`. */
export function formatPercent(value: number): string {
  return `${percentFormat.format(value)}%`;
}

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** A look-back span as a short label: `24h`, `16h`, `45m`. */
export function formatSpan(ms: number): string {
  if (ms >= HOUR_MS) return `${Math.floor(ms / HOUR_MS)}h`;
  return `${Math.max(1, Math.floor(ms / MINUTE_MS))}m`;
}
