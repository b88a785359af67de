import { useAppStore } from '../store/index.ts';

export function ErrorBanner() {
  const symbolsError = useAppStore((state) => state.symbolsError);
  const subscribeError = useAppStore((state) => state.subscribeError);
  const symbol = useAppStore((state) => state.symbol);
  const timeframe = useAppStore((state) => state.timeframe);
  const loadSymbols = useAppStore((state) => state.loadSymbols);
  const retrySubscribe = useAppStore((state) => state.retrySubscribe);

  if (symbolsError !== null) {
    return (
      <div className="error-banner" data-testid="error" role="alert">
        <span>Could not load the list of markets: {symbolsError}</span>
        <button type="button" onClick={() => void loadSymbols()}>
          Retry
        </button>
      </div>
    );
  }
  if (subscribeError !== null) {
    return (
      <div className="error-banner" data-testid="error" role="alert">
        <span>
          Could not load {symbol} {timeframe}: {subscribeError}
        </span>
        <button type="button" onClick={retrySubscribe}>
          Retry
        </button>
      </div>
    );
  }
  return null;
}
