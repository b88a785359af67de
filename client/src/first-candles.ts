import { appStore, type AppStore } from './store/index.ts';

/** However the first chart fares, what waits for it does not wait longer than this. */
const AT_THE_LATEST_MS = 4_000;

/**
 * Resolves once a chart's first candles are on screen (its snapshot applied, or its failure shown,
 * and the frame after that painted), or after four seconds.
 */
export function whenFirstCandles(store: AppStore): Promise<void> {
  return new Promise((resolve) => {
    let waiting = true;
    const done = () => {
      if (!waiting) return;
      waiting = false;
      clearTimeout(timer);
      stop();
      // The candles are drawn in the next animation frame; start after it.
      requestAnimationFrame(() => setTimeout(resolve, 0));
    };
    const check = () => {
      const { loading, symbolsStatus } = store.getState();
      if (!loading || symbolsStatus === 'error') done();
    };
    const timer = setTimeout(done, AT_THE_LATEST_MS);
    const stop = store.subscribe(check);
    check();
  });
}

let first: Promise<void> | undefined;

/**
 * The first chart's first candles. What the first paint does not need (the assistant, the
 * watchlist, the chart's tools and overlay lines, the ticker stream) waits for them, so that its
 * code is not fetched, compiled and run on the main thread while they are on their way.
 */
export function firstCandles(): Promise<void> {
  first ??= whenFirstCandles(appStore);
  return first;
}
