import { streamKey } from '../../../shared/market.ts';
import type { StreamStatus } from '../../../shared/protocol.ts';
import type { Clock } from '../kernel/clock.ts';
import type { StreamId } from '../streams/port.ts';
import type { StreamPublisher } from '../streams/stream-hub.ts';

interface FeedState {
  stale: boolean;
  /** When the stream last brought a candle (or, before any, when it was declared stale). */
  lastUpdateAt: number;
}

/**
 * Whether each watched stream's feed is live, and when it last brought data: learnt from what the
 * hub publishes, so the chat can tell the last price received from a current one. During an
 * exchange outage the hub keeps serving the candles it holds, which stop moving; only the feed's
 * `stale` status says so.
 */
export class FeedFreshness {
  private readonly feeds = new Map<string, FeedState>();

  constructor(private readonly clock: Clock) {}

  /** The same publisher, noting every candle and status on the way through. */
  observe<P extends StreamPublisher>(publisher: P): P {
    return {
      ...publisher,
      candle: (event, reliable) => {
        this.feeds.set(streamKey(event.symbol, event.timeframe), {
          stale: false,
          lastUpdateAt: this.clock(),
        });
        publisher.candle(event, reliable);
      },
      status: (status: StreamStatus) => {
        const key = streamKey(status.symbol, status.timeframe);
        const known = this.feeds.get(key);
        const stale = status.state === 'stale';
        this.feeds.set(key, { stale, lastUpdateAt: known?.lastUpdateAt ?? this.clock() });
        publisher.status(status);
      },
    };
  }

  /**
   * When the data of a symbol stopped, while one of its watched streams is stale (the earliest such
   * stream's last update); undefined while they are live. Streams nobody watches any longer are
   * not asked: their state is whatever it was when they closed.
   */
  staleSince(symbol: string, watched: readonly StreamId[]): number | undefined {
    let since: number | undefined;
    for (const stream of watched) {
      if (stream.symbol !== symbol) continue;
      const feed = this.feeds.get(streamKey(stream.symbol, stream.timeframe));
      if (feed?.stale) since = Math.min(since ?? Infinity, feed.lastUpdateAt);
    }
    return since;
  }
}
