/**
 * Drawings on screen: where each one is, and which one a pointer is on. Pure, so the rules for
 * grabbing a line are tested without a chart.
 */

export interface Point {
  x: number;
  y: number;
}

/** A drawing projected onto the pane: a horizontal line across it, or a segment. */
export type Shape =
  { kind: 'price-line'; id: string; y: number } | { kind: 'trend-line'; id: string; from: Point; to: Point };

/** What a pointer is on: a line's body (moves all of it) or one end of a trend line (moves that end). */
export interface Hit {
  id: string;
  part: 'body' | 'from' | 'to';
  distance: number;
}

/** How close, in CSS pixels, a pointer must be to grab a line; a finger needs more than a mouse. */
export const HIT_TOLERANCE = { mouse: 6, touch: 14 } as const;

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The shape nearest to `p` within `tolerance`; an end of a trend line wins over its body. */
export function hitTest(shapes: readonly Shape[], p: Point, tolerance: number): Hit | null {
  let best: Hit | null = null;
  const consider = (hit: Hit) => {
    if (hit.distance <= tolerance && (best === null || hit.distance < best.distance)) best = hit;
  };
  for (const shape of shapes) {
    if (shape.kind === 'price-line') {
      consider({ id: shape.id, part: 'body', distance: Math.abs(p.y - shape.y) });
      continue;
    }
    const toFrom = Math.hypot(p.x - shape.from.x, p.y - shape.from.y);
    const toTo = Math.hypot(p.x - shape.to.x, p.y - shape.to.y);
    // An end is grabbed a little more easily than the body, which it also lies on.
    if (Math.min(toFrom, toTo) <= tolerance * 1.5) {
      consider({
        id: shape.id,
        part: toFrom <= toTo ? 'from' : 'to',
        distance: Math.min(toFrom, toTo) * 0.5,
      });
      continue;
    }
    consider({ id: shape.id, part: 'body', distance: distanceToSegment(p, shape.from, shape.to) });
  }
  return best;
}

/**
 * Candle times ⇄ positions on the time scale (logical indexes), for any time: between two candles
 * (a line drawn on 1m, seen on 1h) it is proportional; before the first or past the last candle it
 * goes on at one candle per `stepMs`, so lines reach into the empty space on the right.
 */
export interface TimeAxis {
  /** How many candles, and the open time (ms) of each, oldest first. */
  length: number;
  timeAt: (i: number) => number;
  /** The logical index of candle `i` on the chart's time scale. */
  indexOf: (i: number) => number;
  stepMs: number;
}

/** Index of the last candle opening at or before `time`, or -1. */
function floorIndex(axis: TimeAxis, time: number): number {
  let low = 0;
  let high = axis.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (axis.timeAt(mid) <= time) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

export function timeToLogical(axis: TimeAxis, time: number): number | null {
  const { timeAt, indexOf, stepMs } = axis;
  const last = axis.length - 1;
  if (last < 0) return null;
  const i = floorIndex(axis, time);
  if (i < 0) return indexOf(0) - (timeAt(0) - time) / stepMs;
  if (i === last) return indexOf(i) + (time - timeAt(i)) / stepMs;
  const share = (time - timeAt(i)) / (timeAt(i + 1) - timeAt(i));
  return indexOf(i) + share * (indexOf(i + 1) - indexOf(i));
}

/** The time at a logical index: the candle's own time on a candle, proportional between, stepping outside. */
export function logicalToTime(axis: TimeAxis, logical: number): number | null {
  const { timeAt, indexOf, stepMs } = axis;
  const last = axis.length - 1;
  if (last < 0) return null;
  if (logical <= indexOf(0)) return timeAt(0) - (indexOf(0) - logical) * stepMs;
  if (logical >= indexOf(last)) return timeAt(last) + (logical - indexOf(last)) * stepMs;
  // Candle i sits at index first + i unless something else shares the time scale; search to be sure.
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (indexOf(mid) <= logical) low = mid;
    else high = mid;
  }
  const share = (logical - indexOf(low)) / (indexOf(high) - indexOf(low));
  return timeAt(low) + share * (timeAt(high) - timeAt(low));
}
