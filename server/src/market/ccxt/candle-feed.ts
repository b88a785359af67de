import { setTimeout as sleep } from 'node:timers/promises';
import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../../../shared/market.ts';
import type { StreamState } from '../../../../shared/protocol.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { MarketError } from '../errors.ts';
import type { WatchHandlers } from '../port.ts';
import { retryDelay } from '../retry-policy.ts';

export interface FeedDeps {
  exchangeId: string;
  symbol: string;
  timeframe: Timeframe;
  handlers: WatchHandlers;
  /** One WebSocket update (ccxt watchOHLCV), already translated to candles; undefined when the exchange has none. */
  watch?: () => Promise<Candle[]>;
  unwatch?: () => Promise<unknown>;
  /** REST candles from `since` up to now, as many requests as it takes. */
  fetchSince: (since: number, signal: AbortSignal) => Promise<Candle[]>;
  translate: (err: unknown) => MarketError;
  pollIntervalMs: number;
  /** Without a success for this long (real time, like every duration here), the stream is `stale`. */
  staleAfterMs: number;
  /** A WebSocket silent for this long is treated as dropped. */
  silenceMs: number;
  /** After falling back to polling, try the WebSocket again after this long. */
  webSocketRetryMs: number;
  onWebSocketSubscribe?: () => void;
  /** Market time, for candle buckets only. */
  clock: Clock;
  logger: Logger;
  random?: () => number;
  /** Multiplies backoff delays (tests run the policy faster); a Retry-After is never shortened. */
  backoffScale?: number;
}

/** Waits, or returns early when the feed stops; never throws. */
const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => {});

/** The reason in a few words for the status line: no URLs, no request details. */
export function summarize(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/\b(GET|POST|PUT|DELETE) \S+ ?/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 160)
    .trim();
}

class WebSocketFailure extends Error {
  constructor(readonly failure: unknown) {
    super('websocket failure');
  }
}

/**
 * Keeps one stream flowing from the exchange for as long as someone watches it: over the WebSocket
 * where the exchange has one, by polling otherwise, and after any interruption it first fetches what
 * was missed over REST, so no candle is ever lost.
 */
export class CandleFeed {
  private readonly abort = new AbortController();
  private mode: 'ws' | 'poll';
  private last?: number;
  private failures = 0;
  private webSocketFailures = 0;
  private webSocketWorked = false;
  private webSocketRetryAt = 0;
  private lastSuccess: number;
  private state: StreamState = 'live';
  private detail?: string;

  constructor(private readonly deps: FeedDeps) {
    this.mode = deps.watch ? 'ws' : 'poll';
    this.lastSuccess = Date.now();
  }

  start(): void {
    this.run().catch((err: unknown) =>
      this.deps.logger.error({ err, stream: this.name }, 'candle feed crashed'),
    );
  }

  /** Stops the feed; resolves once the exchange has been told (at most a second). */
  stop(): Promise<void> {
    this.abort.abort();
    if (this.mode !== 'ws' || !this.deps.unwatch) return Promise.resolve();
    const told = this.deps.unwatch().then(
      () => {},
      () => {},
    );
    return Promise.race([told, sleep(1_000, undefined, { ref: false })]);
  }

  private get name() {
    return `${this.deps.exchangeId}:${this.deps.symbol}@${this.deps.timeframe}`;
  }

  private get signal() {
    return this.abort.signal;
  }

  private async run(): Promise<void> {
    while (!this.signal.aborted) {
      try {
        if (this.mode === 'ws') await this.streamWebSocket();
        else {
          await this.pollOnce();
          await pause(this.deps.pollIntervalMs, this.signal);
          if (this.deps.watch && Date.now() >= this.webSocketRetryAt) this.mode = 'ws';
        }
      } catch (err) {
        if (this.signal.aborted) return;
        await this.recover(err);
      }
    }
  }

  private async recover(err: unknown): Promise<void> {
    const fromWebSocket = err instanceof WebSocketFailure;
    const error = this.deps.translate(fromWebSocket ? err.failure : err);
    if (error.kind === 'config') {
      this.deps.logger.error(
        { stream: this.name, err: error.message },
        'feed stopped: not retrying a rejected request',
      );
      this.setStatus('stale', `${summarize(error.message)}; not retrying`);
      this.abort.abort();
      return;
    }
    if (fromWebSocket && error.kind !== 'rate-limited' && this.mode === 'ws') {
      // A socket that never opened (a proxy, a local exchange without streams), or one that keeps
      // failing, is no reason to stop: REST serves the same candles.
      this.webSocketFailures++;
      if (!this.webSocketWorked || this.webSocketFailures >= 2) {
        this.mode = 'poll';
        this.webSocketRetryAt = Date.now() + this.deps.webSocketRetryMs;
        this.deps.logger.warn(
          { stream: this.name, err: error.message },
          'websocket unavailable; polling over REST instead',
        );
        if (!this.webSocketWorked) return;
      }
    }
    this.failures++;
    const scale = this.deps.backoffScale ?? 1;
    const delay = Math.max(
      retryDelay(error, this.failures, this.deps.random)! * scale,
      error.retryAfterMs ?? 0,
    );
    const stale = Date.now() - this.lastSuccess >= this.deps.staleAfterMs;
    this.setStatus(
      stale ? 'stale' : 'reconnecting',
      `${summarize(error.message)} — retrying in ${Math.ceil(delay / 1000)} s`,
    );
    this.deps.logger.warn(
      { stream: this.name, kind: error.kind, attempt: this.failures, delayMs: Math.round(delay) },
      error.message,
    );
    await pause(delay, this.signal);
  }

  private async streamWebSocket(): Promise<void> {
    let subscribed = false;
    while (!this.signal.aborted) {
      const update = await this.watchOnce();
      if (!subscribed) {
        subscribed = true;
        this.deps.onWebSocketSubscribe?.();
        // The socket brings candles from now on; REST brings what came before, since the last we had.
        await this.fillGap();
      }
      this.emit(update);
      this.succeeded(true);
    }
  }

  private async watchOnce(): Promise<Candle[]> {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new MarketError('temporary', `no data on the websocket for ${this.deps.silenceMs / 1000} s`),
          ),
        this.deps.silenceMs,
      );
    });
    try {
      return await Promise.race([this.deps.watch!(), silence]);
    } catch (err) {
      throw new WebSocketFailure(err);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fillGap(): Promise<void> {
    if (this.last === undefined) return;
    this.emit(await this.deps.fetchSince(this.last, this.signal));
  }

  private async pollOnce(): Promise<void> {
    const since =
      this.last ?? bucketStart(this.deps.clock(), this.deps.timeframe) - TIMEFRAME_MS[this.deps.timeframe];
    this.emit(await this.deps.fetchSince(since, this.signal));
    this.succeeded(false);
  }

  private emit(candles: readonly Candle[]): void {
    // An answer that lands after stop() belongs to nobody.
    if (this.signal.aborted) return;
    for (const c of candles) {
      if (this.last !== undefined && c.time < this.last) continue;
      this.last = c.time;
      this.deps.handlers.onCandle(c);
    }
  }

  private succeeded(viaWebSocket: boolean): void {
    this.failures = 0;
    if (viaWebSocket) {
      this.webSocketFailures = 0;
      this.webSocketWorked = true;
    }
    this.lastSuccess = Date.now();
    this.setStatus('live', undefined);
  }

  private setStatus(state: StreamState, detail: string | undefined): void {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    this.deps.handlers.onStatus?.(detail === undefined ? { state } : { state, detail });
  }
}
