import { describe, expect, it } from 'vitest';
import { ThresholdBook } from './threshold-book.ts';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('ThresholdBook', () => {
  it('finds exactly the levels a move passed, as a scan of every level would, through adds and removes', () => {
    const next = random(7);
    const book = new ThresholdBook<number>();
    const levels = new Map<number, number>();
    // Levels on a coarse grid, so many share a value (across chunks too) and readings land on them.
    const grid = () => Math.round(next() * 200) / 2;
    for (let id = 0; id < 1_500; id++) {
      const level = grid();
      levels.set(id, level);
      book.add(level, id);
    }
    let value = 50;
    for (let step = 0; step < 600; step++) {
      // Enough churn that chunks split and empty out along the way.
      for (let k = 0; k < 5; k++) {
        const id = Math.floor(next() * 1_500);
        const level = levels.get(id);
        if (level !== undefined) {
          expect(book.remove(level, id)).toBe(true);
          levels.delete(id);
        } else {
          levels.set(id, grid());
          book.add(levels.get(id)!, id);
        }
      }
      const to = step % 97 === 0 ? value : grid();
      const rose: number[] = [];
      const fell: number[] = [];
      book.risen(value, to, rose);
      book.fallen(value, to, fell);
      const expectRose = [...levels].filter(([, l]) => value < l && l <= to).map(([id]) => id);
      const expectFell = [...levels].filter(([, l]) => to <= l && l < value).map(([id]) => id);
      expect(rose.sort((a, b) => a - b)).toEqual(expectRose.sort((a, b) => a - b));
      expect(fell.sort((a, b) => a - b)).toEqual(expectFell.sort((a, b) => a - b));
      value = to;
    }
    expect(book.size).toBe(levels.size);
    for (const [id, level] of levels) expect(book.remove(level, id)).toBe(true);
    const left: number[] = [];
    book.risen(-1, 1_000, left);
    expect([book.size, left]).toEqual([0, []]);
  });

  it('passes a level once on the way up and once on the way down, never while the value rests on it', () => {
    const book = new ThresholdBook<string>();
    book.add(100, 'a');
    const found: string[] = [];
    book.risen(99, 100, found); // reaches it: passed
    book.risen(100, 101, found); // leaves it upwards: already passed
    book.fallen(101, 100, found); // back onto it from above: passed downwards
    book.fallen(100, 99, found);
    expect(found).toEqual(['a', 'a']);
  });

  it('refuses to remove what it does not hold', () => {
    const book = new ThresholdBook<string>();
    book.add(1, 'a');
    expect(book.remove(1, 'b')).toBe(false);
    expect(book.remove(2, 'a')).toBe(false);
    expect(book.remove(1, 'a')).toBe(true);
    expect(book.size).toBe(0);
  });
});
