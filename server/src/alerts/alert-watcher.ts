import { MAX_MOVE_BARS } from '../../../shared/alerts.ts';
import { streamKey, type Timeframe } from '../../../shared/market.ts';
import type { CandleEvent } from '../../../shared/protocol.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { StreamHub, StreamPublisher } from '../streams/stream-hub.ts';
import type { AlertRecord } from './alert-records.ts';
import { seriesLevelOf } from './alert-series.ts';
import { CooldownQueue } from './cooldown-queue.ts';
import { StreamAlerts, type Crossed, type WatchedAlert } from './stream-alerts.ts';

/** The alerts' subscriber id at the hub: never a socket's (Socket.IO ids have no colon). */
export const ALERTS_SUBSCRIBER = 'alerts:watcher';
/** After a stream could not be opened (the exchange is down, the markets not loaded yet). */
const REOPEN_MS = 10_000;
/** How long the version of a deleted or finished alert is remembered against late, older news of it. */
const FORGET_AFTER_MS = 5 * 60_000;

interface WatchedStream {
  readonly key: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** The alerts that may fire; those cooling down wait in the watcher's queue. */
  readonly alerts: StreamAlerts;
  /** Alerts of the stream, cooling ones included: the stream is kept open while there are any. */
  members: number;
  /** Settles once the stream's latest candles are in, or its opening failed (it is retried). */
  seeding: Promise<void>;
  failures: number;
  reopen?: NodeJS.Timeout;
}

/** Where the watcher opens its streams, and where what crosses goes. */
export interface AlertWatcherTargets {
  hub: Pick<StreamHub, 'subscribe' | 'unsubscribe'>;
  /** The alerts one update made cross (never none), marked claiming, and when it was read. */
  onCrossed(crossings: Crossed[], now: number): void;
}

interface Entry {
  readonly watched: WatchedAlert;
  readonly stream: WatchedStream;
  /** In its stream's books; false while a repeating alert cools down. */
  armed: boolean;
}

/**
 * The active alerts this instance watches, in one StreamAlerts per stream, and the streams kept open
 * for them at the hub whether or not a browser watches: each update the hub publishes is read as it
 * goes out, so alerts see every tick the charts see, the forming candle's too.
 *
 * Made before the hub (it observes the hub's publisher), then attached to it before any alert is
 * applied.
 */
export class AlertWatcher {
  private readonly alerts = new Map<string, Entry>();
  /** Repeating alerts cooling down, back into their books when it ends. */
  private readonly cooling = new CooldownQueue<Entry>();
  /** By symbol, then timeframe: a tick finds its stream without building a key string. */
  private readonly streams = new Map<string, Map<Timeframe, WatchedStream>>();
  /** Deleted, paused or done alerts: the version that took them out, and when. */
  private readonly gone = new Map<string, { version: number; at: number }>();
  private crossings: Crossed[] = [];
  private targets?: AlertWatcherTargets;

  constructor(private readonly deps: { clock: Clock; logger: Logger }) {}

  attach(targets: AlertWatcherTargets): void {
    this.targets = targets;
  }

  /** The same publisher, reading every candle on its way out. */
  observe<P extends StreamPublisher>(publisher: P): P {
    return {
      ...publisher,
      candle: (event, reliable) => {
        this.read(event);
        publisher.candle(event, reliable);
      },
    };
  }

  /**
   * Takes in the latest state of an alert, from this instance's own writes or any instance's through
   * the change feed, unless a newer one is already known (the versions say which is).
   */
  apply(record: AlertRecord): void {
    const entry = this.alerts.get(record.id);
    const known = entry?.watched.version ?? this.gone.get(record.id)?.version;
    if (known !== undefined && record.version <= known) return;
    if (record.state !== 'active') {
      if (entry) this.drop(record.id);
      this.gone.set(record.id, { version: record.version, at: this.deps.clock() });
      return;
    }
    if (entry && entry.watched.revision === record.revision) {
      // The same watch, fired or edited in what it does not watch: only its cooldown may differ.
      entry.watched.version = record.version;
      entry.watched.rearmAt = record.rearmAt ?? 0;
      this.place(entry);
      return;
    }
    if (entry) this.drop(record.id);
    this.gone.delete(record.id);
    const watched: WatchedAlert = {
      id: record.id,
      userId: record.userId,
      revision: record.revision,
      watch: seriesLevelOf(record.condition),
      version: record.version,
      rearmAt: record.rearmAt ?? 0,
      claiming: false,
    };
    const stream =
      this.streamOf(record.symbol, record.timeframe) ?? this.open(record.symbol, record.timeframe);
    const added: Entry = { watched, stream, armed: false };
    stream.members++;
    this.alerts.set(record.id, added);
    this.place(added);
  }

  /** Forgets an alert that no longer exists at all (its user was deleted). */
  remove(id: string): void {
    if (this.alerts.has(id)) this.drop(id);
  }

  /** Settles when every stream with alerts has its candles in (or has failed to, and is retried). */
  async whenSeeded(): Promise<void> {
    await Promise.all(this.allStreams().map((s) => s.seeding));
  }

  /** Forgets the versions of alerts taken out long enough ago that no older news of them can come. */
  sweep(): void {
    const before = this.deps.clock() - FORGET_AFTER_MS;
    for (const [id, { at }] of this.gone) if (at < before) this.gone.delete(id);
  }

  close(): void {
    for (const stream of this.allStreams()) this.release(stream);
    this.streams.clear();
    this.alerts.clear();
  }

  private read(event: CandleEvent): void {
    const stream = this.streamOf(event.symbol, event.timeframe);
    if (!stream) return;
    const now = this.deps.clock();
    this.cooling.popDue(now, this.rearm);
    const out = this.crossings;
    // A candle that opens a period carries the final state of the one it closes: read that first.
    if (event.closed) stream.alerts.read(event.closed.candle, event.closed.indicators, now, out);
    stream.alerts.read(event.candle, event.indicators, now, out);
    if (out.length === 0) return;
    this.crossings = [];
    this.attached().onCrossed(out, now);
  }

  /** A cooldown ended: back into the books, unless the alert was replaced, re-armed or deleted since. */
  private readonly rearm = (entry: Entry, at: number): void => {
    if (this.alerts.get(entry.watched.id) === entry && !entry.armed && entry.watched.rearmAt === at)
      this.arm(entry);
  };

  /** Into the books if it may fire now, else into the cooling queue until it may. */
  private place(entry: Entry): void {
    const { rearmAt } = entry.watched;
    if (rearmAt <= this.deps.clock()) {
      if (!entry.armed) this.arm(entry);
      return;
    }
    if (entry.armed) {
      entry.stream.alerts.remove(entry.watched);
      entry.armed = false;
    }
    this.cooling.push(rearmAt, entry);
  }

  private arm(entry: Entry): void {
    entry.stream.alerts.add(entry.watched);
    entry.armed = true;
  }

  private drop(id: string): void {
    const entry = this.alerts.get(id)!;
    this.alerts.delete(id);
    if (entry.armed) entry.stream.alerts.remove(entry.watched);
    if (--entry.stream.members > 0) return;
    this.streams.get(entry.stream.symbol)?.delete(entry.stream.timeframe);
    this.release(entry.stream);
  }

  private open(symbol: string, timeframe: Timeframe): WatchedStream {
    const stream: WatchedStream = {
      key: streamKey(symbol, timeframe),
      symbol,
      timeframe,
      alerts: new StreamAlerts(),
      members: 0,
      seeding: Promise.resolve(),
      failures: 0,
    };
    let bySymbol = this.streams.get(symbol);
    if (!bySymbol) this.streams.set(symbol, (bySymbol = new Map()));
    bySymbol.set(timeframe, stream);
    this.follow(stream);
    return stream;
  }

  /** Opens the stream at the hub (or joins it there) and starts from its latest candles. */
  private follow(stream: WatchedStream): void {
    const { symbol, timeframe } = stream;
    stream.seeding = this.attached()
      // In the background: the stream ticks for the alerts, but no analysis or forecast is made for it.
      .hub.subscribe(ALERTS_SUBSCRIBER, symbol, timeframe, { limit: MAX_MOVE_BARS + 1, background: true })
      .then(
        (snapshot) => {
          if (this.streamOf(symbol, timeframe) !== stream) return this.releaseIfUnwatched(stream);
          stream.alerts.seed(snapshot.candles);
          if (stream.failures > 0) this.deps.logger.info({ stream: stream.key }, 'alerts: stream open again');
          stream.failures = 0;
        },
        (err: unknown) => {
          if (this.streamOf(symbol, timeframe) !== stream) return;
          // Said once per outage; the retries go on quietly.
          const level = stream.failures++ === 0 ? 'warn' : 'debug';
          this.deps.logger[level]({ err, stream: stream.key }, 'alerts: cannot open the stream; retrying');
          stream.reopen = setTimeout(() => this.follow(stream), REOPEN_MS);
          stream.reopen.unref();
        },
      );
  }

  private release(stream: WatchedStream): void {
    clearTimeout(stream.reopen);
    this.attached().hub.unsubscribe(ALERTS_SUBSCRIBER, stream.symbol, stream.timeframe);
  }

  private streamOf(symbol: string, timeframe: Timeframe): WatchedStream | undefined {
    return this.streams.get(symbol)?.get(timeframe);
  }

  private allStreams(): WatchedStream[] {
    return [...this.streams.values()].flatMap((bySymbol) => [...bySymbol.values()]);
  }

  private attached(): AlertWatcherTargets {
    if (!this.targets) throw new Error('AlertWatcher: attach() it to the hub before applying alerts');
    return this.targets;
  }

  /** A stream dropped while it was opening: leave the hub unless alerts came back for it meanwhile. */
  private releaseIfUnwatched(stream: WatchedStream): void {
    if (!this.streamOf(stream.symbol, stream.timeframe)) this.release(stream);
  }
}
