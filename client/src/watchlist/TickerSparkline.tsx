import type { Ticker } from '../../../shared/tickers.ts';

const WIDTH = 64;
const HEIGHT = 22;
const PAD = 2;

/**
 * The last day's hourly closes and the last price as one line: an SVG path per row, not a chart
 * instance, so a watchlist of hundreds of markets stays light.
 */
export function TickerSparkline({ ticker }: { ticker: Ticker }) {
  const points = [...ticker.sparkline, ticker.last];
  if (points.length < 2) return null;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min || 1;
  const x = (i: number) => PAD + (i / (points.length - 1)) * (WIDTH - 2 * PAD);
  const y = (price: number) => PAD + (1 - (price - min) / span) * (HEIGHT - 2 * PAD);
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p).toFixed(1)}`).join('');
  return (
    <svg
      className="watchlist__sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      data-testid="ticker-sparkline"
    >
      <path d={line} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
