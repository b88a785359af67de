import type { TickersEvent, TickersSubscribeRequest } from '../../../shared/tickers.ts';
import type { WatchlistState, WatchlistStore } from '../watchlist/watchlist-store.ts';
import type { AppSocket } from './binding.ts';

const ACK_TIMEOUT_MS = 15_000;
/** After a refusal (the exchange not answering yet), ask again this much later. */
const RETRY_MS = 5_000;
const EVERY_SYMBOL = '*';

/** What to follow: every symbol while a watchlist is open, else the symbols on show; null: nothing. */
function wantedOf({ demand }: WatchlistState): string | null {
  if (demand.all > 0) return EVERY_SYMBOL;
  const symbols = Object.keys(demand.symbols).sort();
  return symbols.length > 0 ? symbols.join(',') : null;
}

/**
 * Keeps the server's ticker subscription matching what the page shows (watchlist-store's demand),
 * on this connection and again after every reconnection, and writes what arrives into the store.
 * Returns a function that detaches it.
 */
export function bindTickers(store: WatchlistStore, socket: AppSocket): () => void {
  const actions = () => store.getState();
  /** What the server follows for this connection, or is asked to. */
  let following: string | null = null;
  let lastRequest = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function follow(): void {
    clearTimeout(retry);
    const wanted = wantedOf(store.getState());
    if (!socket.connected || wanted === following) return;
    const id = ++lastRequest;
    following = wanted;
    if (wanted === null) {
      socket.emit('tickers:unsubscribe', {}, () => undefined);
      return;
    }
    const request: TickersSubscribeRequest = wanted === EVERY_SYMBOL ? {} : { symbols: wanted.split(',') };
    socket.timeout(ACK_TIMEOUT_MS).emit('tickers:subscribe', request, (timeoutError, ack) => {
      // A newer demand or connection has asked again; this answer is about the past.
      if (id !== lastRequest) return;
      if (!timeoutError && ack.ok) return actions().applySnapshot(ack.data.tickers);
      following = null;
      // While disconnected the next 'connect' asks again; only a live server's refusal is shown.
      if (!socket.connected) return;
      actions().fail(timeoutError || ack.ok ? 'The server did not answer in time.' : ack.error.message);
      retry = setTimeout(follow, RETRY_MS);
    });
  }

  // A demand that comes and goes in one turn (a component mounted twice by React's StrictMode, a
  // header switching symbols) costs the server one request, not one per step.
  let scheduled = false;
  const followSoon = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      follow();
    });
  };
  const stopWatchingDemand = store.subscribe((state, previous) => {
    if (state.demand !== previous.demand) followSoon();
  });
  const onTickers = (event: TickersEvent) => actions().applyUpdates(event.tickers);
  const onConnect = () => {
    // A new connection starts with no subscription on the server.
    following = null;
    follow();
  };
  socket.on('tickers', onTickers);
  socket.on('connect', onConnect);
  if (socket.connected) onConnect();

  return () => {
    clearTimeout(retry);
    stopWatchingDemand();
    socket.off('tickers', onTickers);
    socket.off('connect', onConnect);
    if (following !== null && socket.connected) socket.emit('tickers:unsubscribe', {}, () => undefined);
  };
}
