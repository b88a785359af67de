/**
 * Numbers as compact columns for the wire: each value scaled to an integer at a fixed number of
 * decimals and written as the difference from the previous one. Candle prices move a little from one
 * candle to the next, so most entries are a few digits, and the repeated shapes compress well.
 */
export interface PackedColumn {
  /** Decimals kept: every value is a multiple of 10^-d. */
  d: number;
  /** The first value scaled, then differences from the previous value; null where there is none. */
  v: Array<number | null>;
}

const MAX_DECIMALS = 10;

/**
 * The fewest decimals (up to `max`) that write every value exactly, and never so many that a scaled
 * value passes 2^53, where integers stop being exact: past that a double holds no more digits anyway.
 */
export function decimalsOf(values: ReadonlyArray<number | null>, max = MAX_DECIMALS): number {
  let largest = 0;
  for (const x of values) if (x !== null) largest = Math.max(largest, Math.abs(x));
  const limit =
    largest === 0 ? max : Math.min(max, Math.floor(Math.log10(Number.MAX_SAFE_INTEGER / largest)));
  let d = 0;
  for (const x of values) {
    if (x === null) continue;
    while (d < limit && Math.round(x * 10 ** d) / 10 ** d !== x) d++;
  }
  return Math.max(0, d);
}

/** Packs `values` at `decimals` (rounding to them), or at the fewest decimals that keep them exact. */
export function packColumn(
  values: ReadonlyArray<number | null>,
  decimals = decimalsOf(values),
): PackedColumn {
  const scale = 10 ** decimals;
  const v: Array<number | null> = new Array(values.length);
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x === null || x === undefined) {
      v[i] = null;
      continue;
    }
    const scaled = Math.round(x * scale);
    v[i] = scaled - previous;
    previous = scaled;
  }
  return { d: decimals, v };
}

export function unpackColumn(column: PackedColumn): Array<number | null> {
  const scale = 10 ** column.d;
  const out: Array<number | null> = new Array(column.v.length);
  let running = 0;
  for (let i = 0; i < column.v.length; i++) {
    const delta = column.v[i];
    if (delta === null || delta === undefined) {
      out[i] = null;
      continue;
    }
    running += delta;
    // Dividing (not multiplying by 10^-d) gives back exactly the decimal that was packed.
    out[i] = running / scale;
  }
  return out;
}

/** For columns that never hold null. */
export const unpackNumbers = (column: PackedColumn): number[] => unpackColumn(column) as number[];
