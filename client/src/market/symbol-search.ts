import type { SymbolInfo } from '../../../shared/http.ts';

/** A market as the search shows it: its name where the asset has a well-known one. */
export interface SymbolMatch {
  info: SymbolInfo;
  name?: string;
}

interface Entry extends SymbolMatch {
  base: string;
  quote: string;
  /** BASEQUOTE, as exchanges write it (`ETHBTC`). */
  compact: string;
  nameWords: string[];
}

/** The offered markets prepared once for searching as the user types. */
export interface SymbolIndex {
  readonly entries: readonly Entry[];
}

export function indexSymbols(
  symbols: readonly SymbolInfo[],
  names: ReadonlyMap<string, string>,
): SymbolIndex {
  return {
    entries: symbols.map((info) => {
      const name = names.get(info.base);
      return {
        info,
        name,
        base: info.base.toUpperCase(),
        quote: info.quote.toUpperCase(),
        compact: `${info.base}${info.quote}`.toUpperCase(),
        nameWords: name ? name.toUpperCase().split(/[\s.-]+/) : [],
      };
    }),
  };
}

/**
 * How well a typed word fits a market; 0 when it does not. The first word is read as the base (or
 * the name, or the whole pair as exchanges write it), later ones as the quote or more of the name:
 * "eth btc" is ETH/BTC before BTC/ETH. A word that fits nothing else may still be the pair with
 * letters left out ("bnusdt"), ranked last.
 */
function wordScore(e: Entry, word: string, position: number): number {
  const nameFits = e.nameWords.some((w) => w.startsWith(word));
  if (position === 0) {
    if (e.base === word) return 100;
    if (e.base.startsWith(word)) return 80;
    if (e.compact.startsWith(word)) return 70;
    if (nameFits) return 60;
    if (e.quote === word) return 40;
    if (e.quote.startsWith(word)) return 30;
    return isSubsequence(word, e.compact) && e.compact[0] === word[0] ? 10 : 0;
  }
  if (e.quote === word) return 50;
  if (e.quote.startsWith(word)) return 45;
  if (nameFits) return 40;
  if (e.base === word) return 20;
  return e.base.startsWith(word) ? 15 : 0;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const ch of haystack) if (ch === needle[i]) i++;
  return i === needle.length;
}

/** "BASE/QUOTE" typed with the slash: the base part against bases, the quote part against quotes. */
function pairScore(e: Entry, base: string, quote: string): number {
  const baseFits = base === '' || e.base.startsWith(base);
  const quoteFits = quote === '' || e.quote.startsWith(quote);
  if (!baseFits || !quoteFits) return 0;
  return (e.base === base ? 100 : base ? 80 : 0) + (e.quote === quote ? 50 : quote ? 45 : 0) || 1;
}

/**
 * The markets matching `query`, best first and, among equals, in the order they are offered (an
 * operator's `top:N` lists the busiest first); at most `limit` of them, with how many matched in all.
 * Hundreds of markets take well under a millisecond: no index beyond the upper-cased fields is needed.
 */
export function searchSymbols(
  index: SymbolIndex,
  query: string,
  limit: number,
): { matches: SymbolMatch[]; total: number } {
  const text = query.trim().toUpperCase();
  let score: (e: Entry) => number;
  if (text === '') score = () => 1;
  else if (text.includes('/')) {
    const [base = '', quote = ''] = text.split('/').map((part) => part.trim());
    score = (e) => pairScore(e, base, quote);
  } else {
    const words = text.split(/[\s,_-]+/).filter(Boolean);
    score = (e) => {
      let total = 0;
      for (const [i, word] of words.entries()) {
        const s = wordScore(e, word, i);
        if (s === 0) return 0;
        total += s;
      }
      return total;
    };
  }
  const ranked = index.entries
    .map((entry, order) => ({ entry, order, score: score(entry) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  return {
    matches: ranked.slice(0, limit).map(({ entry }) => ({ info: entry.info, name: entry.name })),
    total: ranked.length,
  };
}
