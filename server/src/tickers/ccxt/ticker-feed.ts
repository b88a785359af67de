import { setTimeout as sleep } from 'node:timers/promises';
import type { StreamState } from '../../../../shared/protocol.ts';
import type { Logger } from '../../kernel/logger.ts';
import { summarize } from '../../market/ccxt/candle-feed.ts';
import { MarketError } from '../../market/errors.ts';
import { retryDelay } from '../../market/retry-policy.ts';
import type { TickerHandlers, TickerQuote } from '../port.ts';

export interface TickerFeedDeps {
  exchangeId: string;
  symbols: readonly string[];
  handlers: TickerHandlers;
  /** Every symbol's figures in one REST request. */
  fetch: (signal: AbortSignal) => Promise<TickerQuote[]>;
  /** One WebSocket update: the tickers that changed; undefined when the exchange streams none. */
  watch?: () => Promise<TickerQuote[]>;
  unwatch?: () => Promise<unknown>;
  translate: (err: unknown) => MarketError;
  pollIntervalMs: number;
  /** Without a success for this long (real time), the figures are marked stale. */
  staleAfterMs: number;
  /** A WebSocket silent for this long is treated as dropped. */
  silenceMs: number;
  /** After falling back to polling, try the WebSocket again after this long. */
  webSocketRetryMs: number;
  onWebSocketSubscribe?: () => void;
  logger: Logger;
  /** Multiplies backoff delays (tests run the policy faster); a Retry-After is never shortened. */
  backoffScale?: number;
}

const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => {});

class WebSocketFailure extends Error {
  constructor(readonly failure: unknown) {
    super('websocket failure');
  }
}

/**
 * The exchange's tickers for as long as anyone follows them: over its WebSocket where it has one
 * (after one REST answer for the whole picture, since the socket only brings changes), by polling
 * one request for every symbol otherwise. Failures back off by kind; the figures turn stale, and
 * stay, until the exchange answers again.
 */
export class TickerFeed {
  private readonly abort = new AbortController();
  private mode: 'ws' | 'poll';
  private failures = 0;
  private webSocketWorked = false;
  private webSocketRetryAt = 0;
  private lastSuccess = Date.now();
  private state: StreamState = 'live';
  private detail?: string;

  constructor(private readonly deps: TickerFeedDeps) {
    this.mode = deps.watch ? 'ws' : 'poll';
  }

  start(): void {
    this.run().catch((err: unknown) =>
      this.deps.logger.error({ err, exchange: this.deps.exchangeId }, 'ticker feed crashed'),
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

  private get signal() {
    return this.abort.signal;
  }

  private async run(): Promise<void> {
    while (!this.signal.aborted) {
      try {
        if (this.mode === 'ws') await this.streamWebSocket();
        else {
          await this.fetchAll();
          await pause(this.deps.pollIntervalMs, this.signal);
          if (this.deps.watch && Date.now() >= this.webSocketRetryAt) this.mode = 'ws';
        }
      } catch (err) {
        if (this.signal.aborted) return;
        await this.recover(err);
      }
    }
  }

  private async fetchAll(): Promise<void> {
    this.emit(await this.deps.fetch(this.signal));
    this.succeeded();
  }

  private async streamWebSocket(): Promise<void> {
    await this.fetchAll();
    let subscribed = false;
    while (!this.signal.aborted) {
      const update = await this.watchOnce();
      if (!subscribed) {
        subscribed = true;
        this.webSocketWorked = true;
        this.deps.onWebSocketSubscribe?.();
      }
      this.emit(update);
      this.succeeded();
    }
  }

  private async watchOnce(): Promise<TickerQuote[]> {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new MarketError('temporary', `no tickers on the websocket for ${this.deps.silenceMs / 1000} s`),
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

  private async recover(err: unknown): Promise<void> {
    const fromWebSocket = err instanceof WebSocketFailure;
    const error = this.deps.translate(fromWebSocket ? err.failure : err);
    if (fromWebSocket && error.kind !== 'rate-limited') {
      // A socket that never opened (a proxy, a local exchange without streams) or that refuses the
      // subscription is no reason to stop: one REST request serves the same figures.
      this.mode = 'poll';
      this.webSocketRetryAt = Date.now() + this.deps.webSocketRetryMs;
      this.deps.logger.warn(
        { exchange: this.deps.exchangeId, err: error.message },
        'ticker websocket unavailable; polling over REST instead',
      );
      if (!this.webSocketWorked) return;
    } else if (error.kind === 'config') {
      this.deps.logger.error(
        { exchange: this.deps.exchangeId, err: error.message },
        'ticker feed stopped: not retrying a rejected request',
      );
      this.setStatus('stale', `${summarize(error.message)}; not retrying`);
      this.abort.abort();
      return;
    }
    this.failures++;
    const scale = this.deps.backoffScale ?? 1;
    const delay = Math.max(retryDelay(error, this.failures)! * scale, error.retryAfterMs ?? 0);
    const stale = Date.now() - this.lastSuccess >= this.deps.staleAfterMs;
    this.setStatus(
      stale ? 'stale' : 'reconnecting',
      `${summarize(error.message)} — retrying in ${Math.ceil(delay / 1000)} s`,
    );
    this.deps.logger.warn(
      {
        exchange: this.deps.exchangeId,
        kind: error.kind,
        attempt: this.failures,
        delayMs: Math.round(delay),
      },
      `tickers: ${error.message}`,
    );
    await pause(delay, this.signal);
  }

  private emit(quotes: readonly TickerQuote[]): void {
    // An answer that lands after stop() belongs to nobody.
    if (!this.signal.aborted && quotes.length > 0) this.deps.handlers.onQuotes(quotes);
  }

  private succeeded(): void {
    this.failures = 0;
    this.lastSuccess = Date.now();
    this.setStatus('live', undefined);
  }

  private setStatus(state: StreamState, detail: string | undefined): void {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    this.deps.handlers.onStatus(this.deps.symbols, detail === undefined ? { state } : { state, detail });
  }
}
