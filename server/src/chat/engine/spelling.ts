/**
 * Edit distance between two words where swapping two neighbouring letters ("teh", "mcad") costs
 * less than any other slip, so a swap wins a tie against a substitution ("teh" is "the", not "ten").
 * Insertions, deletions and substitutions cost 1: the optimal string alignment distance, weighted.
 */
export const SWAP_COST = 0.75;

export function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  // Three rows are enough: the swap looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, before[j - 2]! + SWAP_COST);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/**
 * How far a word may be from the one it is read as. Three letters leave no room for a slip but a
 * swap (`bnc` is as close to BNB as to BTC); long words carry two slips and still stand out.
 */
export function allowedSlips(word: string, purpose: 'assume' | 'suggest'): number {
  if (word.length < 3) return 0;
  if (word.length === 3) return purpose === 'assume' ? SWAP_COST : 1;
  return word.length <= 7 ? 1 : 2;
}

export interface NearWord {
  word: string;
  distance: number;
}

/** The words of `vocabulary` within the allowed slips of `word`, nearest first. */
export function nearWords(
  word: string,
  vocabulary: Iterable<string>,
  purpose: 'assume' | 'suggest',
): NearWord[] {
  const limit = allowedSlips(word, purpose);
  if (limit === 0) return [];
  const near: NearWord[] = [];
  for (const candidate of vocabulary) {
    // A length gap larger than the limit is already too many insertions or deletions.
    if (Math.abs(candidate.length - word.length) > limit || candidate.length < 3) continue;
    const distance = typoDistance(word, candidate);
    if (distance <= limit) near.push({ word: candidate, distance });
  }
  return near.sort((x, y) => x.distance - y.distance || x.word.localeCompare(y.word));
}
