export type PriceDirection = 'up' | 'down' | 'flat';

/** Direction of the latest price change; an unchanged price keeps the previous colour instead of flickering. */
export function nextDirection(
  previous: PriceDirection,
  from: number | undefined,
  to: number,
): PriceDirection {
  if (from === undefined || from === to) return previous;
  return to > from ? 'up' : 'down';
}
