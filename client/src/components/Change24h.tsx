import { formatPercent } from '../format/numbers.ts';
import { useAppStore } from '../store/index.ts';
import { useTicker } from '../watchlist/watchlist-store.ts';

/**
 * The chart's market's rolling 24-hour change, whatever the timeframe shown: its ticker, the very
 * figure the watchlist and the assistant quote.
 */
export function Change24h() {
  const symbol = useAppStore((state) => (state.symbolsStatus === 'ready' ? state.symbol : null));
  const ticker = useTicker(symbol);

  if (!ticker) {
    return (
      <span className="change" data-testid="change-24h" data-direction="flat">
        —
      </span>
    );
  }
  const percent = ticker.change24hPercent;
  const title = ticker.stale
    ? `Change over the 24 hours to ${new Date(ticker.time).toLocaleTimeString()}: the source is not answering, this is the last figure received.`
    : 'Change over the last 24 hours, up to this moment.';
  return (
    <span
      className="change"
      data-testid="change-24h"
      data-direction={directionOf(percent)}
      data-stale={ticker.stale ? 'true' : undefined}
      title={title}
    >
      {formatPercent(percent)} <span className="change__span">24h</span>
    </span>
  );
}

function directionOf(percent: number): 'up' | 'down' | 'flat' {
  return percent > 0 ? 'up' : percent < 0 ? 'down' : 'flat';
}
