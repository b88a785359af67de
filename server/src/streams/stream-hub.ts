import { TIMEFRAME_MS, streamKey, type Candle, type Timeframe } from '../../../shared/market.ts';
import type { CandleEvent, StreamState, StreamStatus } from '../../../shared/protocol.ts';
import { historyDepth } from '../../../shared/limits.ts';
import { AppError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import type { FeedStatus, Unsubscribe } from '../market/port.ts';
import { CandleStore } from './candle-store.ts';
import type { LiveChartIndicators, LiveIndicatorsFactory, StreamId } from './port.ts';

/** Candles per slice of an indicator warm-up: a few milliseconds of work between yields. */
const WARM_UP_SLICE = 250;

/** Where the hub sends updates: once per update, to everyone watching the stream. */
export interface StreamPublisher {
  /**
   * `reliable` for a candle that opens a period (it carries the final state of the one it closes, in
   * `event.closed`); ticks of the forming candle may be dropped and heal with the next.
   */
  candle(event: CandleEvent, reliable: boolean): void;
  status(status: StreamStatus): void;
}

export interface HubOptions {
  storeLimit: number;
  logger: Logger;
  /** Keeps each stream's chart indicators live; without it candles go out without indicators. */
  indicators?: LiveIndicatorsFactory;
  /**
   * How long a stream stays open after its last subscriber leaves (0: closes at once). A reload, a
   * flip back to the previous timeframe or a subscribe/unsubscribe churn then costs a lookup instead
   * of a cold open (history fetch and indicator warm-up on the event loop).
   */
  lingerMs?: number;
}

/** What a subscriber starts from: the stream's candles (the newest last, possibly still forming). */
export interface StreamSnapshot {
  symbol: string;
  timeframe: Timeframe;
  /** `snapshot`: the latest candles; `delta`: every candle with time >= the `since` asked for. */
  mode: 'snapshot' | 'delta';
  candles: Candle[];
  status: StreamStatus;
  /**
   * Changes whenever any candle but the newest does (one closes, history arrives, a past one is
   * corrected), not on ticks of the forming one: what is built from the closed candles can be
   * built once per revision and shared by every subscriber.
   */
  revision: number;
}

export interface SubscribeOptions {
  since?: number;
  limit: number;
  /**
   * The server watching for itself (alerts), not a viewer: the stream stays open and ticking, but
   * nobody is shown its analysis or forecast, so they are not made for it.
   */
  background?: boolean;
}

/** A candle of a stream closed; `viewed` while a viewer (not only the server) watches the stream. */
export interface CandleClosed extends StreamId {
  viewed: boolean;
}

/** A watched stream's feed as /readyz reports it. */
export interface FeedHealth extends StreamId {
  state: StreamState;
  detail?: string;
  /** Wall time of the feed's last update (of the stream's opening before the first). */
  lastUpdateAt: number;
}

interface Stream {
  readonly key: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly subscribers: Set<string>;
  /** Those of `subscribers` that are the server watching for itself (SubscribeOptions.background). */
  readonly background: Set<string>;
  readonly store: CandleStore;
  status: StreamStatus;
  lastUpdateAt: number;
  /** See StreamSnapshot.revision. */
  revision: number;
  stop: Unsubscribe;
  ready: Promise<void>;
  /** While a hole is being filled, newer candles wait here so clients receive everything in order. */
  held?: Candle[];
  /** Indicators kept up to date candle by candle, from the moment history is loaded. */
  live?: LiveChartIndicators;
  /** Set while the stream lingers with no subscriber; closes it when it fires. */
  lingering?: NodeJS.Timeout;
}

/**
 * One upstream feed per (symbol, timeframe), however many subscribers: reference-counted, started by
 * the first subscriber and stopped when the last one leaves.
 */
export class StreamHub {
  private readonly streams = new Map<string, Stream>();
  private readonly closedListeners = new Set<(closed: CandleClosed) => void>();

  constructor(
    private readonly market: MarketService,
    private readonly publisher: StreamPublisher,
    private readonly options: HubOptions,
  ) {}

  get streamCount(): number {
    return this.streams.size;
  }

  async subscribe(
    subscriberId: string,
    symbol: string,
    timeframe: Timeframe,
    options: SubscribeOptions,
  ): Promise<StreamSnapshot> {
    this.market.assertStream(symbol, timeframe);
    const key = streamKey(symbol, timeframe);
    const stream = this.streams.get(key) ?? this.open(symbol, timeframe);
    clearTimeout(stream.lingering);
    stream.lingering = undefined;
    stream.subscribers.add(subscriberId);
    if (options.background) stream.background.add(subscriberId);
    else stream.background.delete(subscriberId);
    try {
      await stream.ready;
    } catch {
      stream.subscribers.delete(subscriberId);
      throw new AppError(
        'UPSTREAM_UNAVAILABLE',
        `Could not load ${symbol} ${timeframe} from ${this.market.info.id}; try again shortly`,
      );
    }
    if (!stream.subscribers.has(subscriberId)) {
      throw new AppError(
        'NOT_SUBSCRIBED',
        `Unsubscribed from ${symbol} ${timeframe} before its snapshot was ready`,
      );
    }
    return this.snapshot(stream, options);
  }

  /** Returns false when the subscriber was not watching the stream. */
  unsubscribe(subscriberId: string, symbol: string, timeframe: Timeframe): boolean {
    const stream = this.streams.get(streamKey(symbol, timeframe));
    if (!stream?.subscribers.delete(subscriberId)) return false;
    stream.background.delete(subscriberId);
    if (stream.subscribers.size === 0) this.release(stream);
    return true;
  }

  releaseAll(subscriberId: string): void {
    for (const stream of [...this.streams.values()])
      this.unsubscribe(subscriberId, stream.symbol, stream.timeframe);
  }

  /**
   * The latest candles of a stream someone is watching, once its history is in (a read racing the
   * stream's opening waits for it rather than fetching the same history again), or undefined if
   * nobody watches it or its history could not be loaded.
   */
  async latestWhenReady(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[] | undefined> {
    const stream = this.streams.get(streamKey(symbol, timeframe));
    if (!stream) return undefined;
    const loaded = await stream.ready.then(
      () => true,
      () => false,
    );
    return loaded ? this.latest(symbol, timeframe, limit) : undefined;
  }

  /** The latest candles of a stream someone is watching, or undefined if nobody is. */
  latest(symbol: string, timeframe: Timeframe, limit: number): Candle[] | undefined {
    const stream = this.streams.get(streamKey(symbol, timeframe));
    return stream && stream.store.size > 0 ? stream.store.latest(limit) : undefined;
  }

  /** Every stream open on this instance: watched, lingering after its last viewer, or kept for alerts. */
  watched(): StreamId[] {
    return [...this.streams.values()].map(({ symbol, timeframe }) => ({ symbol, timeframe }));
  }

  /** The streams a viewer watches: those whose analysis and forecast someone is shown. */
  viewed(): StreamId[] {
    return [...this.streams.values()].filter(viewed).map(({ symbol, timeframe }) => ({ symbol, timeframe }));
  }

  /** Each watched stream's feed state, and when it last brought an update. */
  feedHealth(): FeedHealth[] {
    return [...this.streams.values()].map(({ symbol, timeframe, status, lastUpdateAt }) => ({
      symbol,
      timeframe,
      state: status.state,
      detail: status.detail,
      lastUpdateAt,
    }));
  }

  /** Calls `listener` when a candle closes (a newer one opened), e.g. to analyse the stream again. */
  onCandleClosed(listener: (closed: CandleClosed) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  closeAll(): void {
    for (const stream of [...this.streams.values()]) this.close(stream);
  }

  private open(symbol: string, timeframe: Timeframe): Stream {
    const stream: Stream = {
      key: streamKey(symbol, timeframe),
      symbol,
      timeframe,
      subscribers: new Set(),
      background: new Set(),
      store: new CandleStore(this.storeLimitOf(timeframe)),
      status: { source: this.market.info.id, symbol, timeframe, state: 'live' },
      // Real time, like the feeds' own staleness: how long ago, not which market minute.
      lastUpdateAt: Date.now(),
      revision: 0,
      stop: () => {},
      ready: Promise.resolve(),
    };
    this.streams.set(stream.key, stream);
    // Watch first, then load history: a candle that arrives meanwhile is kept, history fills behind it.
    stream.stop = this.market.watch(symbol, timeframe, {
      onCandle: (c) => this.onCandle(stream, c),
      onStatus: (s) => this.onStatus(stream, s),
    });
    stream.ready = this.market
      .history(symbol, timeframe, { limit: this.storeLimitOf(timeframe) })
      .then(async (history) => {
        stream.store.mergeHistory(history);
        stream.revision++;
        if (this.options.indicators) stream.live = await this.warmUp(stream, this.options.indicators);
      })
      .catch((err: unknown) => {
        this.options.logger.warn({ err, stream: stream.key }, 'could not load history; closing the stream');
        this.close(stream);
        throw err;
      });
    stream.ready.catch(() => {});
    this.options.logger.debug({ stream: stream.key }, 'stream opened');
    return stream;
  }

  /**
   * Live indicators warmed over the stream's history a slice at a time, giving the event loop back
   * between slices: thousands of candles through a dozen indicators is tens of milliseconds that
   * everyone else's requests would otherwise queue behind. Candles that arrive meanwhile are applied
   * at the end, so the result is the same as warming in one go.
   */
  private async warmUp(stream: Stream, factory: LiveIndicatorsFactory): Promise<LiveChartIndicators> {
    const history = stream.store.latest(this.storeLimitOf(stream.timeframe));
    const live = factory(history.slice(0, WARM_UP_SLICE));
    for (let i = WARM_UP_SLICE; i < history.length; i += WARM_UP_SLICE) {
      await new Promise((resolve) => setImmediate(resolve));
      for (const candle of history.slice(i, i + WARM_UP_SLICE)) live.update(candle);
    }
    const warmedTo = history.at(-1)?.time;
    if (warmedTo !== undefined) for (const candle of stream.store.since(warmedTo)) live.update(candle);
    return live;
  }

  /** Candles a stream keeps: the configured number, or more where its charts reach back further. */
  private storeLimitOf(timeframe: Timeframe): number {
    return Math.max(this.options.storeLimit, historyDepth(timeframe));
  }

  /** The last subscriber left: close the stream, now or once it has lingered unwatched. */
  private release(stream: Stream): void {
    const lingerMs = this.options.lingerMs ?? 0;
    if (lingerMs <= 0) return this.close(stream);
    stream.lingering = setTimeout(() => {
      if (stream.subscribers.size === 0) this.close(stream);
    }, lingerMs);
    stream.lingering.unref();
  }

  private close(stream: Stream): void {
    clearTimeout(stream.lingering);
    if (this.streams.get(stream.key) !== stream) return;
    this.streams.delete(stream.key);
    stream.stop();
    this.options.logger.debug({ stream: stream.key }, 'stream closed');
  }

  private onCandle(stream: Stream, candle: Candle): void {
    stream.lastUpdateAt = Date.now();
    if (stream.held) {
      stream.held.push(candle);
      return;
    }
    const previous = stream.store.last;
    const step = TIMEFRAME_MS[stream.timeframe];
    if (previous && candle.time > previous.time + step) {
      this.fillHole(stream, previous, candle);
      return;
    }
    this.apply(stream, candle);
  }

  /**
   * The feed skipped candles (a source that reconnected without catching up, a new leader): fetch
   * them before passing anything newer on. A real gap in the exchange's data fetches nothing and moves on.
   */
  private fillHole(stream: Stream, previous: Candle, next: Candle): void {
    stream.held = [next];
    const missing = Math.min(
      this.options.storeLimit,
      (next.time - previous.time) / TIMEFRAME_MS[stream.timeframe] + 1,
    );
    this.options.logger.info({ stream: stream.key, missing: missing - 1 }, 'filling a hole in the feed');
    this.market
      .history(stream.symbol, stream.timeframe, { since: previous.time, limit: missing })
      .then((candles) => {
        for (const c of candles) if (c.time < next.time) this.apply(stream, c);
      })
      .catch((err: unknown) =>
        this.options.logger.warn({ err, stream: stream.key }, 'could not fill a hole in the feed'),
      )
      .finally(() => {
        const held = stream.held ?? [];
        stream.held = undefined;
        for (const c of held) this.apply(stream, c);
      });
  }

  private apply(stream: Stream, candle: Candle): void {
    const previous = stream.store.last;
    const outcome = stream.store.upsert(candle);
    if (outcome === 'ignored') return;
    // A tick replaces the newest candle; anything else changes what counts as closed.
    if (outcome === 'appended' || candle.time !== previous?.time) stream.revision++;
    const closedIndicators = stream.live?.current;
    const indicators =
      stream.live && candle.time >= (previous?.time ?? 0) ? stream.live.update(candle) : undefined;
    const { symbol, timeframe } = stream;
    if (outcome === 'appended') {
      // The previous candle just closed: its final state rides with the new one, reliably, since its
      // last tick may have been dropped on a slow connection. One message a close, not two.
      const closed = previous && {
        candle: previous,
        ...(closedIndicators && { indicators: closedIndicators }),
      };
      this.publisher.candle(
        { symbol, timeframe, candle, ...(indicators && { indicators }), ...(closed && { closed }) },
        true,
      );
      if (previous) {
        const closed = { symbol, timeframe, viewed: viewed(stream) };
        for (const listener of this.closedListeners) listener(closed);
      }
    } else {
      this.publisher.candle({ symbol, timeframe, candle, ...(indicators && { indicators }) }, false);
    }
  }

  private onStatus(stream: Stream, status: FeedStatus): void {
    const next: StreamStatus = { ...stream.status, state: status.state, detail: status.detail };
    if (next.state === stream.status.state && next.detail === stream.status.detail) return;
    stream.status = next;
    this.publisher.status(next);
  }

  private snapshot(stream: Stream, { since, limit }: SubscribeOptions): StreamSnapshot {
    const first = stream.store.first;
    const delta = since !== undefined && first !== undefined && first.time <= since;
    return {
      symbol: stream.symbol,
      timeframe: stream.timeframe,
      mode: delta ? 'delta' : 'snapshot',
      candles: delta ? stream.store.since(since) : stream.store.latest(limit),
      status: stream.status,
      revision: stream.revision,
    };
  }
}

/** A viewer watches it: a subscriber that is not the server watching for itself. */
function viewed(stream: Stream): boolean {
  return stream.subscribers.size > stream.background.size;
}
