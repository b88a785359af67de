import { describe, expect, it } from 'vitest';
import type { Drawing } from '../../../../../shared/workspace.ts';
import { moveDrawing } from './move-drawing.ts';

const HOUR = 3_600_000;
const line: Drawing = { kind: 'price-line', id: 'a', price: 100 };
const trend: Drawing = {
  kind: 'trend-line',
  id: 'b',
  from: { time: 0, price: 100 },
  to: { time: 10 * HOUR, price: 120 },
};

describe('dragging a drawing', () => {
  it('takes a price line to the price under the pointer', () => {
    expect(moveDrawing(line, 'body', { time: 5, price: 100.4 }, { time: 9, price: 97.25 }, 2)).toEqual({
      ...line,
      price: 97.25,
    });
  });

  it('moves the end of a trend line that was grabbed, and only it', () => {
    const to = { time: 12 * HOUR, price: 130 };
    expect(moveDrawing(trend, 'to', { time: 10 * HOUR, price: 120 }, to, 2)).toEqual({ ...trend, to });
    expect(moveDrawing(trend, 'from', { time: 0, price: 100 }, to, 2)).toEqual({ ...trend, from: to });
  });

  it('shifts a whole trend line grabbed by its body, keeping prices on the tick', () => {
    const moved = moveDrawing(
      trend,
      'body',
      { time: 5 * HOUR, price: 110 },
      { time: 7 * HOUR, price: 110.1 },
      2,
    );
    expect(moved).toEqual({
      ...trend,
      from: { time: 2 * HOUR, price: 100.1 },
      to: { time: 12 * HOUR, price: 120.1 },
    });
  });
});
