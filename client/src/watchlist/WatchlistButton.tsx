import { ListIcon } from './ListIcon.tsx';
import { watchlistStore, useWatchlist } from './watchlist-store.ts';
import './watchlist.css';

/** The header's way to the watchlist on a phone, where it is a drawer over the chart (watchlist.css). */
export function WatchlistButton() {
  const open = useWatchlist((state) => state.open);
  return (
    <button
      type="button"
      className="watchlist-button"
      aria-expanded={open}
      aria-controls="watchlist"
      title={open ? 'Hide the watchlist' : 'Show the watchlist'}
      aria-label={open ? 'Hide the watchlist' : 'Show the watchlist'}
      data-testid="watchlist-button"
      onClick={() => watchlistStore.getState().setOpen(!open)}
    >
      <ListIcon />
    </button>
  );
}
