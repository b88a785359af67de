/** Every number written in a text, as canonical strings: "64,210.50" → "64210.5", "-3.20%" → "3.2". */
export function numbersIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) out.add(String(Number(m[0].replace(/,/g, ''))));
  return out;
}

/**
 * The numbers of `phrased` that appear nowhere in `facts`. An LLM asked to reword an answer may still
 * invent or round a figure; one such number is enough to discard its wording.
 */
export function inventedNumbers(phrased: string, facts: string): string[] {
  const known = numbersIn(facts);
  return [...numbersIn(phrased)].filter((n) => !known.has(n));
}
