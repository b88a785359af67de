import type { PriceFormat } from 'lightweight-charts';
import { formatPrice } from '../format/numbers.ts';

/**
 * Prices with the symbol's precision and the header's grouping (43,210.55), so the axis and the ticker
 * read alike. Set per series rather than as the chart's `localization.priceFormatter`, which would also
 * format the RSI pane's 0–100 scale as a price.
 */
export function priceFormatFor(precision: number): PriceFormat {
  return {
    type: 'custom',
    formatter: (price: number) => formatPrice(price, precision),
    minMove: 10 ** -precision,
  };
}
