import { formatPrice } from './format/numbers.ts';
import type { AppState } from './store/app-state.ts';
import type { AppStore } from './store/index.ts';
import { selectLastClose, selectPricePrecision } from './store/selectors.ts';

/** `43,210.55 BTC/USDT · TrendScope`; the price first, so it stays readable in a narrow tab. */
export function titleFor(state: AppState): string {
  const close = selectLastClose(state);
  const price = close === undefined ? '' : `${formatPrice(close, selectPricePrecision(state))} `;
  return `${price}${state.symbol} · TrendScope`;
}

/** Writes the title at most once per `intervalMs`: browsers handle title changes slowly, ticks come fast. */
export function bindDocumentTitle(store: AppStore, target: { title: string }, intervalMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    target.title = titleFor(store.getState());
  };
  write();
  const unsubscribe = store.subscribe(() => {
    timer ??= setTimeout(write, intervalMs);
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
