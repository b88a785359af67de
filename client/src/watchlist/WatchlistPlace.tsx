import { lazy, Suspense } from 'react';
import { FailureBoundary } from '../components/FailureBoundary.tsx';
import { firstCandles } from '../first-candles.ts';
import { ListIcon } from './ListIcon.tsx';
import { watchlistStore, useWatchlist } from './watchlist-store.ts';
import './watchlist.css';

// The list waits for the tickers anyway: it loads after the first candles, not before them.
const Watchlist = lazy(async () => {
  await firstCandles();
  return { default: (await import('./Watchlist.tsx')).Watchlist };
});

const LOAD_FAILURE = 'The watchlist could not load. Reload the page to try again.';

/** Folded: a rail with the button that unfolds it (on a phone, the header's button does). */
function WatchlistRail() {
  return (
    <aside className="watchlist-rail" aria-label="Watchlist" data-testid="watchlist" data-state="collapsed">
      <button
        type="button"
        className="watchlist-rail__open"
        aria-expanded="false"
        aria-controls="watchlist"
        title="Show the watchlist"
        onClick={() => watchlistStore.getState().setOpen(true)}
      >
        <ListIcon />
        <span className="watchlist-rail__label">Watchlist</span>
      </button>
    </aside>
  );
}

/** The watchlist's place beside the chart: its box holds the width while the list's code loads. */
export function WatchlistPlace() {
  const open = useWatchlist((state) => state.open);
  if (!open) return <WatchlistRail />;
  return (
    <FailureBoundary
      fallback={
        <aside className="watchlist" aria-label="Watchlist">
          <p className="watchlist__notice" role="alert">
            {LOAD_FAILURE}
          </p>
        </aside>
      }
    >
      <Suspense fallback={<aside className="watchlist" aria-label="Watchlist" aria-busy="true" />}>
        <Watchlist />
      </Suspense>
    </FailureBoundary>
  );
}
