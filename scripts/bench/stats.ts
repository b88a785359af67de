/** Summaries and formatting shared by the socket benchmarks. */

/** Nearest-rank percentile; NaN for no samples. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const sum = (xs: Iterable<number>) => {
  let total = 0;
  for (const x of xs) total += x;
  return total;
};

/** A number with `digits` decimals, or — when there is none. */
export const fixed = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

export const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;

/** `{ 'ping timeout': 2 }` → `ping timeout ×2`; `none` when empty. */
export const listCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([what, n]) => `${what} ×${n}`)
    .join(', ') || 'none';
