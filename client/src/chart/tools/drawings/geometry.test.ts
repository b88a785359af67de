import { describe, expect, it } from 'vitest';
import {
  distanceToSegment,
  hitTest,
  logicalToTime,
  timeToLogical,
  type Shape,
  type TimeAxis,
} from './geometry.ts';

const MINUTE = 60_000;

describe('grabbing a drawing', () => {
  const shapes: Shape[] = [
    { kind: 'price-line', id: 'support', y: 200 },
    { kind: 'trend-line', id: 'trend', from: { x: 100, y: 100 }, to: { x: 300, y: 50 } },
  ];

  it('measures the distance to a segment, not to its endless line', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });

  it('takes a price line anywhere along its width, within the tolerance', () => {
    expect(hitTest(shapes, { x: 700, y: 204 }, 6)).toEqual({ id: 'support', part: 'body', distance: 4 });
    expect(hitTest(shapes, { x: 700, y: 207 }, 6)).toBeNull();
    expect(hitTest(shapes, { x: 700, y: 212 }, 14)?.id).toBe('support');
  });

  it('takes a trend line by its body or, near one, by its end', () => {
    expect(hitTest(shapes, { x: 200, y: 77 }, 6)).toMatchObject({ id: 'trend', part: 'body' });
    expect(hitTest(shapes, { x: 302, y: 52 }, 6)).toMatchObject({ id: 'trend', part: 'to' });
    expect(hitTest(shapes, { x: 97, y: 101 }, 6)).toMatchObject({ id: 'trend', part: 'from' });
    // Past its end the segment stops: no grab where the line would go on.
    expect(hitTest(shapes, { x: 400, y: 25 }, 6)).toBeNull();
  });

  it('gives the nearest of two lines within reach', () => {
    const close: Shape[] = [
      { kind: 'price-line', id: 'a', y: 100 },
      { kind: 'price-line', id: 'b', y: 108 },
    ];
    expect(hitTest(close, { x: 50, y: 105 }, 6)?.id).toBe('b');
    expect(hitTest(close, { x: 50, y: 103 }, 6)?.id).toBe('a');
  });
});

describe('time on the time scale', () => {
  // Hourly candles at logical 10, 11, 12, 13 with one hour missing (an exchange outage) after the third.
  const times = [0, 60, 120, 240].map((m) => m * MINUTE);
  const axis: TimeAxis = { length: 4, timeAt: (i) => times[i]!, indexOf: (i) => 10 + i, stepMs: 60 * MINUTE };

  it('puts a candle time on its candle, and times between candles in proportion', () => {
    expect(timeToLogical(axis, 60 * MINUTE)).toBe(11);
    expect(timeToLogical(axis, 75 * MINUTE)).toBe(11.25);
    // Across the gap, index 12 → 13 spans two hours.
    expect(timeToLogical(axis, 180 * MINUTE)).toBe(12.5);
  });

  it('carries on at one candle per step before the first and after the last', () => {
    expect(timeToLogical(axis, -120 * MINUTE)).toBe(8);
    expect(timeToLogical(axis, 360 * MINUTE)).toBe(15);
  });

  it('turns positions back into the same times', () => {
    for (const logical of [7, 10, 11.25, 12.5, 13, 16.5]) {
      const time = logicalToTime(axis, logical)!;
      expect(timeToLogical(axis, time)).toBeCloseTo(logical, 9);
    }
    expect(logicalToTime(axis, 12)).toBe(120 * MINUTE);
  });

  it('knows nothing without candles', () => {
    const empty: TimeAxis = { ...axis, length: 0 };
    expect(timeToLogical(empty, 0)).toBeNull();
    expect(logicalToTime(empty, 0)).toBeNull();
  });
});
