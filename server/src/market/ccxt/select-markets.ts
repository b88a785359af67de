import { SYMBOL_PATTERN } from '../../../../shared/market-basics.ts';
import { describePick, type MarketPick } from '../../kernel/market-picks.ts';
import type { CcxtMarket } from './ccxt-exchange.ts';

export interface MarketChoice {
  /** What to offer, in the order SYMBOLS gives, each market once. */
  markets: CcxtMarket[];
  /** Picks that found nothing to offer, as written in SYMBOLS: a named market that is not an active spot one. */
  unmatched: string[];
}

/** Picks that need every market's 24-hour quote volume, which costs a request for all tickers. */
export const needsVolumes = (picks: readonly MarketPick[]): boolean =>
  picks.some((p) => typeof p === 'object' && 'top' in p);

/**
 * The markets SYMBOLS asks for, among the exchange's active spot markets whose symbol the protocol
 * can carry (BASE/QUOTE in capitals and digits). `top:N` ranks by `quoteVolumes` (the exchange's own
 * 24-hour figures; a market without one is not ranked); `quote:` lists its markets by name.
 */
export function selectMarkets(
  picks: readonly MarketPick[],
  markets: Readonly<Record<string, CcxtMarket>>,
  quoteVolumes: ReadonlyMap<string, number> = new Map(),
): MarketChoice {
  const offerable = Object.values(markets).filter(
    (m) => m.spot !== false && m.active !== false && SYMBOL_PATTERN.test(m.symbol),
  );
  const chosen = new Map<string, CcxtMarket>();
  const unmatched: string[] = [];
  for (const pick of picks) {
    const found = matching(pick, offerable, quoteVolumes);
    if (found.length === 0) unmatched.push(describePick(pick));
    for (const m of found) if (!chosen.has(m.symbol)) chosen.set(m.symbol, m);
  }
  return { markets: [...chosen.values()], unmatched };
}

function matching(
  pick: MarketPick,
  offerable: readonly CcxtMarket[],
  quoteVolumes: ReadonlyMap<string, number>,
): CcxtMarket[] {
  if (typeof pick === 'string') return offerable.filter((m) => m.symbol === pick);
  const ofQuote = offerable.filter((m) => m.quote === pick.quote);
  if (!('top' in pick)) return ofQuote.sort((a, b) => a.symbol.localeCompare(b.symbol));
  const volumeOf = (m: CcxtMarket) => quoteVolumes.get(m.symbol) ?? NaN;
  return ofQuote
    .filter((m) => Number.isFinite(volumeOf(m)))
    .sort((a, b) => volumeOf(b) - volumeOf(a) || a.symbol.localeCompare(b.symbol))
    .slice(0, pick.top);
}
