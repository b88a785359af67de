import { useAppStore } from '../store/index.ts';

export function LoadingOverlay() {
  const loading = useAppStore((state) => state.loading);
  const symbol = useAppStore((state) => state.symbol);
  const timeframe = useAppStore((state) => state.timeframe);
  if (!loading) return null;

  return (
    <div className="overlay" data-testid="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Loading {symbol} {timeframe}…
    </div>
  );
}
