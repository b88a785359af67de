import type { SortKey, WatchlistSort } from './sort-tickers.ts';

const STORAGE_KEY = 'trendscope.watchlist';

/** Narrower than this the panel would squeeze the chart: it starts folded unless chosen otherwise. */
const WIDE_ENOUGH_PX = 1200;
/** At a phone's width it is a drawer over the chart, and a drawer never opens by itself. */
export const DRAWER_BELOW_PX = 720;

export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface WatchlistPreference {
  open: boolean;
  sort: WatchlistSort;
}

const SORT_KEYS: readonly SortKey[] = ['symbol', 'last', 'change'];
export const DEFAULT_SORT: WatchlistSort = { key: 'symbol', descending: false };

/** The panel's remembered fold and sort; the width decides the fold when nothing was chosen. */
export function readWatchlistPreference(
  storage: PreferenceStorage | undefined,
  width: number,
): WatchlistPreference {
  let stored: { open?: unknown; sort?: { key?: unknown; descending?: unknown } } = {};
  try {
    stored = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}') ?? {};
  } catch {
    // Unreadable or blocked storage: the defaults.
  }
  const open =
    width >= DRAWER_BELOW_PX && (typeof stored.open === 'boolean' ? stored.open : width >= WIDE_ENOUGH_PX);
  const key = SORT_KEYS.find((k) => k === stored.sort?.key);
  const sort = key ? { key, descending: stored.sort?.descending === true } : DEFAULT_SORT;
  return { open, sort };
}

export function writeWatchlistPreference(
  storage: PreferenceStorage | undefined,
  preference: WatchlistPreference,
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(preference));
  } catch {
    // Private mode or a full quota: the choice just is not remembered.
  }
}
