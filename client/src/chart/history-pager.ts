import type { IChartApi } from 'lightweight-charts';
import type { Candle } from '../../../shared/market.ts';
import type { OlderCandlesQuery } from '../api/older-candles.ts';
import { MAX_HELD_CANDLES } from '../market/merge-candles.ts';
import type { AppStore } from '../store/index.ts';

/** Candles asked for per page of older history: one exchange request on most exchanges. */
export const OLDER_PAGE_SIZE = 1000;
/** The page before is loaded once the view comes this close (in bars) to the first candle held. */
const NEAR_START_BARS = 50;
/** After a failed page, scrolling does not ask again for this long: a failing server is not hammered. */
const RETRY_AFTER_MS = 5_000;

export interface HistoryPagerDeps {
  store: AppStore;
  chart: IChartApi;
  fetchOlder: (query: OlderCandlesQuery) => Promise<Candle[]>;
}

/**
 * Loads older candles when the trader scrolls back, as TradingView does: near the first candle held,
 * the page before it is fetched and put in front. One request at a time; a stream whose page came back
 * empty is not asked again from the same first candle. Returns the way to stop.
 */
export function pageHistoryOnScroll({ store, chart, fetchOlder }: HistoryPagerDeps): () => void {
  const timeScale = chart.timeScale();
  /** Per stream, the first candle time from which a page came back empty: the start of its history. */
  const exhaustedAt = new Map<string, number>();
  let loading = false;
  let retryAt = 0;
  let stopped = false;

  const nearStart = () => {
    const range = timeScale.getVisibleLogicalRange();
    return range !== null && range.from < NEAR_START_BARS;
  };

  const loadIfNear = async (): Promise<void> => {
    if (loading || stopped || Date.now() < retryAt || !nearStart()) return;
    const state = store.getState();
    const first = state.candles[0];
    // Past MAX_HELD_CANDLES the next tick would let the oldest go again: stop paging there.
    if (state.loading || !first || state.candles.length + OLDER_PAGE_SIZE > MAX_HELD_CANDLES) return;
    const stream = { symbol: state.symbol, timeframe: state.timeframe };
    const key = `${stream.symbol}@${stream.timeframe}`;
    if (exhaustedAt.get(key) === first.time) return;
    loading = true;
    try {
      const older = await fetchOlder({ ...stream, before: first.time, limit: OLDER_PAGE_SIZE });
      if (older.length === 0) exhaustedAt.set(key, first.time);
      // The store drops a page that no longer fits: another stream, or a new snapshot, arrived meanwhile.
      else if (!stopped) store.getState().prependCandles(stream, first.time, older);
    } catch {
      retryAt = Date.now() + RETRY_AFTER_MS;
    } finally {
      loading = false;
    }
    // Still near the start (zoomed out over more than a page, or scrolled on meanwhile): the next page.
    await loadIfNear();
  };

  const onRangeChange = () => void loadIfNear();
  timeScale.subscribeVisibleLogicalRangeChange(onRangeChange);
  // A snapshot that fits on screen moves no range by itself: look once it has arrived.
  const stopWatchingStore = store.subscribe((next, previous) => {
    if (previous.loading && !next.loading) void loadIfNear();
  });
  return () => {
    stopped = true;
    stopWatchingStore();
    timeScale.unsubscribeVisibleLogicalRangeChange(onRangeChange);
  };
}
