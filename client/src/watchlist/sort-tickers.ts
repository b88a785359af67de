import type { Ticker } from '../../../shared/tickers.ts';

export type SortKey = 'symbol' | 'last' | 'change';

export interface WatchlistSort {
  key: SortKey;
  descending: boolean;
}

const compareBy: Record<SortKey, (a: Ticker, b: Ticker) => number> = {
  symbol: (a, b) => a.symbol.localeCompare(b.symbol),
  last: (a, b) => a.last - b.last,
  change: (a, b) => a.change24hPercent - b.change24hPercent,
};

/**
 * The watchlist's rows in order: the offered symbols by the chosen column, ties by symbol; a symbol
 * whose ticker has not arrived yet goes last, whichever the direction, by name.
 */
export function sortSymbols(
  symbols: readonly string[],
  tickers: Readonly<Record<string, Ticker>>,
  sort: WatchlistSort,
): string[] {
  const known = symbols.filter((s) => tickers[s]);
  const waiting = symbols.filter((s) => !tickers[s]).sort((a, b) => a.localeCompare(b));
  const direction = sort.descending ? -1 : 1;
  known.sort((a, b) => {
    const x = tickers[a]!;
    const y = tickers[b]!;
    return direction * compareBy[sort.key](x, y) || compareBy.symbol(x, y);
  });
  return [...known, ...waiting];
}

/** A click on a column head: the same column flips its direction; another starts at its natural one. */
export function nextSort(current: WatchlistSort, key: SortKey): WatchlistSort {
  if (current.key === key) return { key, descending: !current.descending };
  // Names read A to Z; prices and changes are looked at biggest first.
  return { key, descending: key !== 'symbol' };
}
