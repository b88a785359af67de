import type { ChatPayload } from '../../../shared/chat-answer.ts';

type Series = NonNullable<ChatPayload['sparkline']>;

const WIDTH = 240;
const HEIGHT = 44;
const PAD = 2;

/** Recent closes as one line, green when they ended higher than they began, red when lower. */
export function Sparkline({ series, precision }: { series: Series; precision?: number }) {
  const points = series.points;
  if (points.length < 2) return null;
  const closes = points.map((p) => p.close);
  const min = Math.min(...closes);
  const max = Math.max(...closes);
  const span = max - min || 1;
  const first = points[0] as Series['points'][number];
  const last = points.at(-1) as Series['points'][number];
  const x = (i: number) => PAD + (i / (points.length - 1)) * (WIDTH - 2 * PAD);
  const y = (close: number) => PAD + (1 - (close - min) / span) * (HEIGHT - 2 * PAD);
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.close).toFixed(1)}`)
    .join('');
  const area = `${line}L${x(points.length - 1).toFixed(1)},${HEIGHT}L${x(0).toFixed(1)},${HEIGHT}Z`;
  const direction = last.close > first.close ? 'up' : last.close < first.close ? 'down' : 'flat';
  const format = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: precision ?? 2 });

  return (
    <figure className="chat-sparkline" data-direction={direction} data-testid="chat-sparkline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${series.symbol} ${series.timeframe}: last ${points.length} closes, from ${format(first.close)} to ${format(last.close)}`}
      >
        <path className="chat-sparkline__area" d={area} />
        <path className="chat-sparkline__line" d={line} vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption>
        {series.symbol} · {series.timeframe} · last {points.length} candles
      </figcaption>
    </figure>
  );
}
