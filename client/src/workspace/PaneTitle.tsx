import { formatPrice } from '../format/numbers.ts';
import { useAppStore } from '../store/index.ts';
import { selectLastClose, selectPricePrecision } from '../store/selectors.ts';

/** What a chart of a layout shows, in a line above it; the active chart's is marked. */
export function PaneTitle({ active }: { active: boolean }) {
  const symbol = useAppStore((state) => state.symbol);
  const timeframe = useAppStore((state) => state.timeframe);
  const close = useAppStore(selectLastClose);
  const precision = useAppStore(selectPricePrecision);
  const direction = useAppStore((state) => state.priceDirection);

  return (
    <button
      type="button"
      className="chart-pane__title"
      data-testid="pane-title"
      aria-pressed={active}
      title={
        active ? 'The active chart: the header and the keyboard act on it' : 'Make this chart the active one'
      }
    >
      <span className="chart-pane__stream" data-testid="pane-stream">
        {symbol} · {timeframe}
      </span>
      <span className="chart-pane__price" data-direction={direction}>
        {close === undefined ? '—' : formatPrice(close, precision)}
      </span>
    </button>
  );
}
