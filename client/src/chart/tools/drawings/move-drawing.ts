import type { Drawing } from '../../../../../shared/workspace.ts';
import type { Hit } from './geometry.ts';
import type { Anchor } from './projection.ts';

/**
 * A drawing dragged from `start` to `to`: a price line to the new price; a trend line's end to the
 * pointer; a trend line by its body shifted as a whole, in time and price, prices on the tick.
 */
export function moveDrawing(
  original: Drawing,
  part: Hit['part'],
  start: Anchor,
  to: Anchor,
  precision: number,
): Drawing {
  if (original.kind === 'price-line') return { ...original, price: to.price };
  if (part === 'from') return { ...original, from: to };
  if (part === 'to') return { ...original, to };
  const dt = to.time - start.time;
  const dp = to.price - start.price;
  const shift = (a: Anchor) => ({ time: a.time + dt, price: Number((a.price + dp).toFixed(precision)) });
  return { ...original, from: shift(original.from), to: shift(original.to) };
}
