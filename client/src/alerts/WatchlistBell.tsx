import { alertsStore } from './alerts-store.ts';
import { BellIcon } from './BellIcon.tsx';
import './alerts-button.css';

/**
 * A watchlist row's action: the alert form for that market at its last price. Over the sparkline's
 * end, shown with the row's hover or focus (always on a touch screen); its click is not the row's.
 */
export function WatchlistBell({ symbol, price }: { symbol: string; price: number | undefined }) {
  return (
    <button
      type="button"
      className="watchlist-bell"
      aria-label={`Set an alert on ${symbol}`}
      title={`Set an alert on ${symbol}`}
      data-testid="watchlist-bell"
      onClick={(event) => {
        event.stopPropagation();
        alertsStore.getState().openForm({ symbol, price });
      }}
    >
      <BellIcon />
    </button>
  );
}
