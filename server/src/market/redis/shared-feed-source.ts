import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Candle, Timeframe } from '../../../../shared/market.ts';
import type { Logger } from '../../kernel/logger.ts';
import { DelegatingSource } from '../delegating-source.ts';
import type { FeedStatus, MarketSource, Unsubscribe, WatchHandlers } from '../port.ts';

export interface SharedFeedOptions {
  /** The instance's command connection (fails fast while Redis is away) and its subscriber one. */
  command: Redis;
  subscriber: Redis;
  /** A leader that stops renewing loses its lease after this long; another instance takes over. */
  leaseMs: number;
  logger: Logger;
  keyPrefix?: string;
  instanceId?: string;
}

type Payload = { candle: Candle } | { status: FeedStatus };
type Message = Payload & { from: string };

/** Renews the lease only if this instance still holds it. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Shares upstream feeds between server instances: per stream, the instance holding a Redis lease runs
 * the real feed and publishes every update; the others only listen. If the leader dies its lease
 * expires and a watching instance takes over. If Redis itself is unreachable, every instance feeds
 * itself, which costs upstream requests but never the data.
 */
export function shareFeedsThroughRedis(inner: MarketSource, options: SharedFeedOptions): SharedFeedSource {
  // No waiting for Redis: until it answers, each stream's first lease attempt fails and the instance
  // feeds itself; the next attempt after Redis returns elects a leader.
  return new SharedFeedSource(inner, options.command, options.subscriber, options);
}

export class SharedFeedSource extends DelegatingSource {
  readonly instanceId: string;
  private readonly streams = new Map<string, SharedStream>();

  constructor(
    inner: MarketSource,
    readonly command: Redis,
    readonly subscriber: Redis,
    readonly options: SharedFeedOptions,
  ) {
    super(inner);
    this.instanceId = options.instanceId ?? randomUUID();
    subscriber.on('message', (channel: string, text: string) => this.streams.get(channel)?.receive(text));
  }

  /** How many streams this instance currently feeds from upstream. */
  get leading(): number {
    return [...this.streams.values()].filter((s) => s.isLeader).length;
  }

  override watchCandles(symbol: string, timeframe: Timeframe, handlers: WatchHandlers): Unsubscribe {
    const name = `${this.options.keyPrefix ?? 'trendscope:'}feed:${this.inner.info.id}:${symbol}:${timeframe}`;
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new SharedStream(name, symbol, timeframe, this, this.inner);
      this.streams.set(name, stream);
      stream.start();
    }
    stream.listeners.add(handlers);
    return () => {
      const current = this.streams.get(name);
      if (!current?.listeners.delete(handlers) || current.listeners.size > 0) return;
      this.streams.delete(name);
      current.stop();
    };
  }

  override async close(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => s.stop()));
    this.streams.clear();
    await this.inner.close();
  }
}

class SharedStream {
  readonly listeners = new Set<WatchHandlers>();
  private role: 'follower' | 'leader' | 'alone' = 'follower';
  private stopInner?: Unsubscribe;
  private timer?: NodeJS.Timeout;
  private lastRenewal = 0;

  constructor(
    private readonly name: string,
    private readonly symbol: string,
    private readonly timeframe: Timeframe,
    private readonly shared: SharedFeedSource,
    private readonly inner: MarketSource,
  ) {}

  get isLeader() {
    return this.role === 'leader';
  }

  start(): void {
    this.shared.subscriber.subscribe(this.name).catch(() => {});
    void this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(200, this.shared.options.leaseMs / 3));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopFeeding();
    this.shared.subscriber.unsubscribe(this.name).catch(() => {});
    if (this.role === 'leader')
      await this.shared.command.eval(RELEASE, 1, this.name, this.shared.instanceId).catch(() => {});
    this.role = 'follower';
  }

  receive(text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return;
    }
    // The leader delivers to its own listeners directly; a lone instance ignores the others.
    if (message.from === this.shared.instanceId || this.role !== 'follower') return;
    this.deliver(message);
  }

  private deliver(payload: Payload): void {
    for (const l of this.listeners) {
      if ('candle' in payload) l.onCandle(payload.candle);
      else l.onStatus?.(payload.status);
    }
  }

  private async tick(): Promise<void> {
    const { command, instanceId, options } = this.shared;
    try {
      if (this.role === 'leader') {
        const renewed = await command.eval(RENEW, 1, this.name, instanceId, String(options.leaseMs));
        if (renewed === 1) this.lastRenewal = Date.now();
        else {
          options.logger.warn({ stream: this.name }, 'lost the feed lease; following the new leader');
          this.stopFeeding();
          this.role = 'follower';
        }
        return;
      }
      const won = await command.set(this.name, instanceId, 'PX', options.leaseMs, 'NX');
      if (won === 'OK') {
        if (this.role === 'alone') this.stopFeeding();
        this.role = 'leader';
        this.lastRenewal = Date.now();
        this.startFeeding(true);
        options.logger.info({ stream: this.name }, 'leading the upstream feed');
      } else if (this.role === 'alone') {
        // Redis is back and someone else leads: stop feeding ourselves.
        this.stopFeeding();
        this.role = 'follower';
      }
    } catch (err) {
      // Redis unreachable. A leader keeps its feed until its lease would have run out anyway; past
      // that, and for followers, every instance feeds itself so no chart goes quiet.
      if (this.role === 'leader' && Date.now() - this.lastRenewal < options.leaseMs) return;
      if (this.role !== 'alone') {
        options.logger.warn(
          { stream: this.name, err: (err as Error).message },
          'redis unreachable; feeding this instance directly',
        );
        this.stopFeeding();
        this.role = 'alone';
        this.startFeeding(false);
      }
    }
  }

  private startFeeding(publish: boolean): void {
    const { command, instanceId } = this.shared;
    const send = (payload: Payload) => {
      this.deliver(payload);
      if (publish)
        command.publish(this.name, JSON.stringify({ from: instanceId, ...payload })).catch(() => {});
    };
    this.stopInner = this.inner.watchCandles(this.symbol, this.timeframe, {
      onCandle: (candle) => send({ candle }),
      onStatus: (status) => send({ status }),
    });
  }

  private stopFeeding(): void {
    this.stopInner?.();
    this.stopInner = undefined;
  }
}
