import { useCallback, useEffect, useMemo } from 'react';
import { useAppStore } from '../store/index.ts';
import { sortSymbols, type SortKey } from './sort-tickers.ts';
import { DRAWER_BELOW_PX } from './watchlist-preference.ts';
import { watchlistStore, useWatchlist } from './watchlist-store.ts';
import { WatchlistRow } from './WatchlistRow.tsx';

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; title: string }> = [
  { key: 'symbol', label: 'Symbol', title: 'Sort by symbol' },
  { key: 'last', label: 'Last', title: 'Sort by last price' },
  { key: 'change', label: '24h', title: 'Sort by the change over the last 24 hours' },
];

const isDrawer = () => globalThis.matchMedia?.(`(max-width: ${DRAWER_BELOW_PX - 1}px)`).matches ?? false;
const close = () => watchlistStore.getState().setOpen(false);

/**
 * Every offered market with its live price, rolling 24-hour change and the day's sparkline; a click
 * opens it on the active chart. It follows every symbol's ticker only while it is open.
 */
export function Watchlist() {
  const symbols = useAppStore((state) => state.symbols);
  const selected = useAppStore((state) => state.symbol);
  const selectSymbol = useAppStore((state) => state.selectSymbol);
  const tickers = useWatchlist((state) => state.tickers);
  const sort = useWatchlist((state) => state.sort);
  const error = useWatchlist((state) => state.error);

  useEffect(() => watchlistStore.getState().need('all'), []);

  const infos = useMemo(() => new Map(symbols.map((info) => [info.symbol, info])), [symbols]);
  const order = sortSymbols([...infos.keys()], tickers, sort);
  const staleSince = Math.min(...Object.values(tickers).flatMap((t) => (t.stale ? [t.time] : [])));
  // The same function every render, so a row re-renders only when its own ticker moves.
  const open = useCallback(
    (symbol: string) => {
      selectSymbol(symbol);
      // On a phone the list lies over the chart: out of the way once a market is chosen.
      if (isDrawer()) close();
    },
    [selectSymbol],
  );

  return (
    <aside
      id="watchlist"
      className="watchlist"
      aria-label="Watchlist"
      data-testid="watchlist"
      data-state="open"
      onKeyDown={(event) => {
        // Esc puts a phone's drawer away, as it closes any popup.
        if (event.key === 'Escape' && isDrawer()) close();
      }}
    >
      <header className="watchlist__header">
        <h2 className="watchlist__title">Watchlist</h2>
        <button
          type="button"
          className="watchlist__close"
          aria-expanded="true"
          aria-controls="watchlist"
          title="Hide the watchlist"
          aria-label="Hide the watchlist"
          onClick={close}
        >
          <span aria-hidden="true">«</span>
        </button>
      </header>
      {error ? (
        <p className="watchlist__notice" role="status">
          Prices unavailable: {error}
        </p>
      ) : Number.isFinite(staleSince) ? (
        <p className="watchlist__notice" role="status">
          Stale since {new Date(staleSince).toLocaleTimeString()}: the source is not answering, these are the
          last prices received.
        </p>
      ) : null}
      <div className="watchlist__scroll">
        <table className="watchlist__table">
          <colgroup>
            <col className="watchlist__col--name" />
            <col className="watchlist__col--spark" />
            <col />
            <col className="watchlist__col--change" />
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const current = sort.key === column.key;
                const ariaSort = current ? (sort.descending ? 'descending' : 'ascending') : 'none';
                return (
                  <th
                    key={column.key}
                    scope="col"
                    colSpan={column.key === 'symbol' ? 2 : 1}
                    className={`watchlist__head watchlist__head--${column.key}`}
                    aria-sort={ariaSort}
                  >
                    <button
                      type="button"
                      title={column.title}
                      data-sort={column.key}
                      onClick={() => watchlistStore.getState().sortBy(column.key)}
                    >
                      {column.label}
                      <span className="watchlist__arrow" aria-hidden="true">
                        {current ? (sort.descending ? '▼' : '▲') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {order.map((symbol) => (
              <WatchlistRow
                key={symbol}
                info={infos.get(symbol)!}
                ticker={tickers[symbol]}
                active={symbol === selected}
                onOpen={open}
              />
            ))}
          </tbody>
        </table>
      </div>
    </aside>
  );
}
