import { formatPrice } from '../format/numbers.ts';
import { useAppStore } from '../store/index.ts';
import { selectLastClose, selectPricePrecision } from '../store/selectors.ts';

export function LastPrice() {
  const close = useAppStore(selectLastClose);
  const precision = useAppStore(selectPricePrecision);
  const direction = useAppStore((state) => state.priceDirection);

  return (
    <span className="last-price" data-testid="last-price" data-direction={direction} title="Last price">
      {close === undefined ? '—' : formatPrice(close, precision)}
    </span>
  );
}
