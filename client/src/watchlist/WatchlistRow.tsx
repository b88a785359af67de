import { memo, useState } from 'react';
import type { SymbolInfo } from '../../../shared/http.ts';
import type { Ticker } from '../../../shared/tickers.ts';
import { WatchlistBell } from '../alerts/WatchlistBell.tsx';
import { formatPercent, formatPrice } from '../format/numbers.ts';
import { TickerSparkline } from './TickerSparkline.tsx';

type Direction = 'up' | 'down' | 'flat';

const directionOf = (value: number): Direction => (value > 0 ? 'up' : value < 0 ? 'down' : 'flat');

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** What the row's tooltip adds: the day's range and, where the source reports it, what traded. */
function details(info: SymbolInfo, ticker: Ticker | undefined): string {
  if (!ticker) return `${info.symbol}: waiting for its first price`;
  const price = (p: number) => formatPrice(p, info.pricePrecision);
  const volume =
    ticker.quoteVolume24h === undefined
      ? ''
      : `, volume ${compact.format(ticker.quoteVolume24h)} ${info.quote}`;
  const stale = ticker.stale
    ? ` — no update since ${new Date(ticker.time).toLocaleTimeString()}: the source is not answering`
    : '';
  return `${info.symbol}: 24h high ${price(ticker.high24h)}, low ${price(ticker.low24h)}${volume}${stale}`;
}

/** One market: name, the day's sparkline, the last price (flashing as it ticks) and the 24h change. */
export const WatchlistRow = memo(function WatchlistRow({
  info,
  ticker,
  active,
  onOpen,
}: {
  info: SymbolInfo;
  ticker: Ticker | undefined;
  active: boolean;
  onOpen: (symbol: string) => void;
}) {
  // The direction of the last tick, derived while rendering from the price before it.
  const [tick, setTick] = useState({ last: ticker?.last, direction: 'flat' as Direction });
  if (ticker && ticker.last !== tick.last)
    setTick({
      last: ticker.last,
      direction: tick.last === undefined ? 'flat' : directionOf(ticker.last - tick.last),
    });

  return (
    <tr
      className="watchlist__row"
      data-ticker-symbol={info.symbol}
      data-stale={ticker?.stale ? 'true' : undefined}
      aria-selected={active}
      title={details(info, ticker)}
      onClick={() => onOpen(info.symbol)}
    >
      <th scope="row" className="watchlist__name">
        {/* The row's click, reachable from the keyboard: Enter on the button clicks the row. */}
        <button type="button" className="watchlist__open" aria-label={`Open ${info.symbol} on the chart`}>
          <span className="watchlist__base">{info.base}</span>
          <span className="watchlist__quote">/{info.quote}</span>
        </button>
      </th>
      <td className="watchlist__spark">
        {ticker ? <TickerSparkline ticker={ticker} /> : null}
        <WatchlistBell symbol={info.symbol} price={ticker?.last} />
      </td>
      <td className="watchlist__last" data-testid="ticker-last">
        {ticker ? (
          <span key={ticker.last} className="watchlist__tick" data-direction={tick.direction}>
            {formatPrice(ticker.last, info.pricePrecision)}
          </span>
        ) : (
          '—'
        )}
      </td>
      <td
        className="watchlist__change"
        data-testid="ticker-change"
        data-direction={ticker ? directionOf(ticker.change24hPercent) : 'flat'}
      >
        {ticker ? formatPercent(ticker.change24hPercent) : '—'}
      </td>
    </tr>
  );
});
