import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../../../shared/market.ts';
import type { SourceInfo, SymbolInfo } from '../../../../shared/http.ts';
import type { Clock } from '../../kernel/clock.ts';
import { MarketError } from '../errors.ts';
import type { Logger } from '../../kernel/logger.ts';
import { foldCandles } from '../aggregate.ts';
import type { FetchCandlesOptions, MarketSource, Unsubscribe, WatchHandlers } from '../port.ts';
import { STEPS, formingCandle, formingPath } from './forming-path.ts';
import { readRecordedCsv, recordedFile } from './recorded-candles.ts';
import { ReplayTape, type TapeTimeframe } from './replay-tape.ts';

const isTapeTimeframe = (tf: Timeframe): tf is TapeTimeframe => tf === '1m' || tf === '1h' || tf === '1d';

export const REPLAY_SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'] as const;
const MINUTE = TIMEFRAME_MS['1m'];

export interface ReplayOptions {
  clock: Clock;
  /** How often the forming candle moves (ms of real time). */
  tickMs: number;
  logger: Logger;
  symbols?: readonly string[];
}

interface Recording {
  tape: ReplayTape;
  pricePrecision: number;
}

interface Feed {
  listeners: Set<WatchHandlers>;
  timer: NodeJS.Timeout;
  lastMinute?: number;
  lastStep?: number;
}

/** Loads the recordings; where in them each wall-clock minute falls is fixed (see ReplayTape). */
export async function createReplaySource(options: ReplayOptions): Promise<ReplaySource> {
  const recordings = new Map<string, Recording>();
  for (const symbol of options.symbols ?? REPLAY_SYMBOLS) {
    const [minutes, hours] = await Promise.all([
      readRecordedCsv(recordedFile(symbol, '1m')),
      readRecordedCsv(recordedFile(symbol, '1h')),
    ]);
    recordings.set(symbol, {
      tape: new ReplayTape(minutes.candles, hours.candles),
      pricePrecision: Math.max(minutes.pricePrecision, hours.pricePrecision),
    });
  }
  return new ReplaySource(recordings, options);
}

/**
 * Plays real recorded Binance candles as if live: history up to now, and a forming minute candle
 * that moves every tick along a plausible path inside the recorded candle.
 */
export class ReplaySource implements MarketSource {
  readonly info: SourceInfo = { id: 'replay', kind: 'replay', label: 'Replay of recorded Binance data' };
  readonly fetchTimeframes: readonly Timeframe[] = ['1m', '1h', '1d'];
  readonly watchTimeframes: readonly Timeframe[] = ['1m'];
  private readonly feeds = new Map<string, Feed>();
  private readonly paths = new Map<string, { time: number; path: ReturnType<typeof formingPath> }>();

  constructor(
    private readonly recordings: Map<string, Recording>,
    private readonly options: ReplayOptions,
  ) {}

  async loadSymbols(): Promise<SymbolInfo[]> {
    return [...this.recordings].map(([symbol, r]) => {
      const [base = '', quote = ''] = symbol.split('/');
      return { symbol, base, quote, pricePrecision: r.pricePrecision };
    });
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, options: FetchCandlesOptions): Promise<Candle[]> {
    const { tape } = this.recording(symbol);
    if (!isTapeTimeframe(timeframe)) {
      throw new MarketError('config', `The replay serves 1m, 1h and 1d candles, not ${timeframe}`);
    }
    const now = this.options.clock();
    const step = TIMEFRAME_MS[timeframe];
    const current = bucketStart(now, timeframe);
    const first = timeframe === '1m' ? tape.firstMinuteTime : tape.firstTime;
    // Only the window asked for is built: the tape reaches back years, to the recording's real dates.
    const from = Math.max(options.since ?? current - (options.limit - 1) * step, first);
    const to = Math.min(current, Math.ceil(from / step) * step + options.limit * step);
    const closed = tape.between(timeframe, from, to);
    const forming = this.formingMinute(symbol, now);
    if (to === current && from <= current && forming) closed.push(this.formingOf(timeframe, tape, forming));
    return options.since === undefined ? closed.slice(-options.limit) : closed.slice(0, options.limit);
  }

  watchCandles(symbol: string, timeframe: Timeframe, handlers: WatchHandlers): Unsubscribe {
    this.recording(symbol);
    if (timeframe !== '1m') throw new MarketError('config', 'The replay streams 1m candles');
    let feed = this.feeds.get(symbol);
    if (!feed) {
      const timer = setInterval(() => this.tick(symbol), this.options.tickMs);
      feed = { listeners: new Set(), timer };
      this.feeds.set(symbol, feed);
    }
    feed.listeners.add(handlers);
    handlers.onStatus?.({ state: 'live' });
    return () => {
      const current = this.feeds.get(symbol);
      if (!current) return;
      current.listeners.delete(handlers);
      if (current.listeners.size === 0) {
        clearInterval(current.timer);
        this.feeds.delete(symbol);
      }
    };
  }

  async close(): Promise<void> {
    for (const feed of this.feeds.values()) clearInterval(feed.timer);
    this.feeds.clear();
  }

  /** Feeds currently ticking; one per symbol however many streams watch it. */
  get activeFeeds(): number {
    return this.feeds.size;
  }

  private recording(symbol: string): Recording {
    const r = this.recordings.get(symbol);
    if (!r) throw new MarketError('config', `The replay has no recording of ${symbol}`);
    return r;
  }

  private formingMinute(symbol: string, now: number): Candle | undefined {
    const { tape, pricePrecision } = this.recording(symbol);
    const time = bucketStart(now, '1m');
    const recorded = tape.minuteAt(time);
    if (!recorded) return undefined;
    let cached = this.paths.get(symbol);
    if (cached?.time !== time) {
      cached = { time, path: formingPath(recorded, `${symbol}@${time}`) };
      this.paths.set(symbol, cached);
    }
    return formingCandle(recorded, cached.path, this.stepAt(now), pricePrecision);
  }

  /** The forming candle of `timeframe`: its closed hours and minutes so far, then the forming minute. */
  private formingOf(timeframe: TapeTimeframe, tape: ReplayTape, minute: Candle): Candle {
    if (timeframe === '1m') return minute;
    const hour = bucketStart(minute.time, '1h');
    const formingHour = foldCandles(hour, [...tape.minutesBetween(hour, minute.time), minute]);
    if (timeframe === '1h') return formingHour;
    const day = bucketStart(minute.time, '1d');
    return foldCandles(day, [...tape.hoursBetween(day, hour), formingHour]);
  }

  private stepAt(now: number): number {
    return Math.min(STEPS - 1, Math.floor((now - bucketStart(now, '1m')) / (MINUTE / STEPS)));
  }

  private tick(symbol: string): void {
    const feed = this.feeds.get(symbol);
    if (!feed) return;
    try {
      const now = this.options.clock();
      const minute = bucketStart(now, '1m');
      const out: Candle[] = [];
      if (feed.lastMinute !== undefined && minute > feed.lastMinute) {
        // Close every minute passed since the last tick so no listener ever sees a hole.
        const { tape } = this.recording(symbol);
        out.push(...tape.minutesBetween(feed.lastMinute, minute));
        feed.lastStep = undefined;
      }
      const step = this.stepAt(now);
      if (minute !== feed.lastMinute || step !== feed.lastStep) {
        const forming = this.formingMinute(symbol, now);
        if (forming) out.push(forming);
      }
      feed.lastMinute = minute;
      feed.lastStep = step;
      for (const candle of out) for (const l of feed.listeners) l.onCandle(candle);
    } catch (err) {
      this.options.logger.error({ err, symbol }, 'replay tick failed');
    }
  }
}
