/** How a ranking question orders the offered symbols. */
export interface RankingRequest {
  metric: 'change' | 'move' | 'volatility' | 'volume';
  /** `desc`: the most first ("strongest", "most volatile"); `asc`: the least ("weakest", "calmest"). */
  order: 'desc' | 'asc';
}

/** Reads what a ranking question ranks by (lower-case text). */
export function parseRanking(text: string): RankingRequest {
  const least = /\b(least|lowest|calmest|quietest)\b/.test(text);
  if (/\bvolatil\w*|\bswings?\b/.test(text)) return { metric: 'volatility', order: least ? 'asc' : 'desc' };
  if (/\bvolume|\btraded\b|\bliquid\w*/.test(text))
    return { metric: 'volume', order: least ? 'asc' : 'desc' };
  if (/\b(movers?|moved|moving|moves)\b/.test(text) && !/\b(up|down)\b/.test(text))
    return { metric: 'move', order: least ? 'asc' : 'desc' };
  const weak = /\b(weakest|worst|losers?|dump\w*|falling|drop\w*|down|underperform\w*)\b/.test(text);
  return { metric: 'change', order: weak || least ? 'asc' : 'desc' };
}
