/**
 * Number formats both sides show, so the chat quotes the same digits as the chart: prices to the
 * symbol's precision, changes as signed percentages.
 */
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

const signedPercent = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});

/** A change in percent: `1.234` → `+1.23%`, `-0.5` → `-0.50%`. */
export function formatPercent(value: number): string {
  return `${signedPercent.format(value)}%`;
}
