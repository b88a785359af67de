/** Entries per chunk before it splits: inserting or removing moves at most this many. */
const CHUNK = 256;

interface Chunk<T> {
  levels: number[];
  items: T[];
}

/**
 * Levels kept sorted, each with what it stands for. What a value passed on its way from one reading
 * to the next is found by binary search, so a reading costs O(log n + found) however many levels it
 * did not pass: 100,000 alerts that do not fire cost about what 10 do. The levels live in sorted
 * chunks of a few hundred, so adding or removing one (an alert set, fired, re-armed) moves a chunk's
 * worth of entries, not the whole book.
 *
 * Crossings are half-open, so a level is passed once however the readings fall: rising from `from`
 * to `to` passes the levels in (from, to], falling passes those in [to, from).
 */
export class ThresholdBook<T> {
  private chunks: Array<Chunk<T>> = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(level: number, item: T): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push({ levels: [level], items: [item] });
      return;
    }
    const c = Math.min(this.firstChunkEndingAtOrAbove(level), this.chunks.length - 1);
    const chunk = this.chunks[c]!;
    const at = upperBound(chunk.levels, level);
    chunk.levels.splice(at, 0, level);
    chunk.items.splice(at, 0, item);
    if (chunk.levels.length > 2 * CHUNK) {
      const upper = { levels: chunk.levels.splice(CHUNK), items: chunk.items.splice(CHUNK) };
      this.chunks.splice(c + 1, 0, upper);
    }
  }

  /** Returns false when `item` was not there at `level`. */
  remove(level: number, item: T): boolean {
    for (let c = this.firstChunkEndingAtOrAbove(level); c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      if (chunk.levels[0]! > level) return false;
      for (
        let i = lowerBound(chunk.levels, level);
        i < chunk.levels.length && chunk.levels[i] === level;
        i++
      ) {
        if (chunk.items[i] !== item) continue;
        chunk.levels.splice(i, 1);
        chunk.items.splice(i, 1);
        if (chunk.levels.length === 0) this.chunks.splice(c, 1);
        this.count--;
        return true;
      }
    }
    return false;
  }

  /** Appends to `out` the items whose level a rise from `from` to `to` passed: from < level ≤ to. */
  risen(from: number, to: number, out: T[]): void {
    if (!(to > from)) return;
    for (let c = this.firstChunkEndingAbove(from); c < this.chunks.length; c++) {
      const { levels, items } = this.chunks[c]!;
      for (let i = upperBound(levels, from); i < levels.length; i++) {
        if (levels[i]! > to) return;
        out.push(items[i]!);
      }
    }
  }

  /** Appends to `out` the items whose level a fall from `from` to `to` passed: to ≤ level < from. */
  fallen(from: number, to: number, out: T[]): void {
    if (!(to < from)) return;
    for (let c = this.firstChunkEndingAtOrAbove(to); c < this.chunks.length; c++) {
      const { levels, items } = this.chunks[c]!;
      for (let i = lowerBound(levels, to); i < levels.length; i++) {
        if (levels[i]! >= from) return;
        out.push(items[i]!);
      }
    }
  }

  /** The first chunk whose highest level is ≥ `x` (the count of chunks when none is). */
  private firstChunkEndingAtOrAbove(x: number): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const { levels } = this.chunks[mid]!;
      if (levels[levels.length - 1]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first chunk whose highest level is > `x`. */
  private firstChunkEndingAbove(x: number): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const { levels } = this.chunks[mid]!;
      if (levels[levels.length - 1]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The first index whose level is ≥ `x`. */
function lowerBound(levels: readonly number[], x: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (levels[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose level is > `x`. */
function upperBound(levels: readonly number[], x: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (levels[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
