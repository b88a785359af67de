import type { IndicatorValues } from '../../../shared/analysis.ts';
import { MAX_MOVE_BARS, type Crossing } from '../../../shared/alerts.ts';
import type { Candle } from '../../../shared/market.ts';
import { indicatorValue, moveBarsOf, type SeriesKey, type SeriesLevel } from './alert-series.ts';
import { ThresholdBook } from './threshold-book.ts';

/** An active alert as the instance watches it: what it waits for, and whether it may fire now. */
export interface WatchedAlert {
  readonly id: string;
  readonly userId: string;
  /** Of what the alert watches: a trigger is claimed for this revision only. */
  readonly revision: number;
  readonly watch: SeriesLevel;
  /** Of the row, any write: what the change feed compares to know which state is newer. */
  version: number;
  /** A repeating alert's cooldown ends here (ms); 0 when it may fire. */
  rearmAt: number;
  /** A claim is on its way to the database: the next crossing does not claim it again. */
  claiming: boolean;
}

/** An alert whose level a reading passed, with what to record. */
export interface Crossed {
  alert: WatchedAlert;
  price: number;
  /** The series' value, for everything but price alerts. */
  value: number | null;
}

interface Series {
  key: SeriesKey;
  above: ThresholdBook<WatchedAlert>;
  below: ThresholdBook<WatchedAlert>;
  /** At the last reading; undefined before the first (or while the indicator has too few candles). */
  value?: number;
}

/**
 * One stream's alerts and what it last read: each reading (a tick of the forming candle, or a
 * closing candle's final state) is compared with the one before, series by series.
 */
export class StreamAlerts {
  private readonly series = new Map<SeriesKey, Series>();
  /** The same, as a list: iterated on every reading without allocating an iterator. */
  private readonly seriesList: Series[] = [];
  private count = 0;
  private last?: Candle;
  /** Closes of the latest candles, the forming one last: the references of the moves. */
  private closes: number[] = [];

  get size(): number {
    return this.count;
  }

  /** False until the stream's latest candles are in: readings before that have nothing to compare with. */
  get seeded(): boolean {
    return this.last !== undefined;
  }

  add(alert: WatchedAlert): void {
    const { series, crossing, level } = alert.watch;
    let books = this.series.get(series);
    if (!books) {
      books = { key: series, above: new ThresholdBook(), below: new ThresholdBook() };
      this.series.set(series, books);
      this.seriesList.push(books);
    }
    books[crossing].add(level, alert);
    this.count++;
  }

  remove(alert: WatchedAlert): void {
    const { series, crossing, level } = alert.watch;
    const books = this.series.get(series);
    if (!books?.[crossing].remove(level, alert)) return;
    this.count--;
    if (books.above.size > 0 || books.below.size > 0) return;
    this.series.delete(series);
    this.seriesList.splice(this.seriesList.indexOf(books), 1);
  }

  /** Starts from the stream's latest candles (ascending, the forming one last). */
  seed(candles: readonly Candle[]): void {
    this.closes = candles.slice(-(MAX_MOVE_BARS + 1)).map((c) => c.close);
    this.last = candles.at(-1);
  }

  /**
   * Reads one update of the stream and appends to `out` the alerts it made cross, marked `claiming`,
   * leaving out those cooling down (until `now`) or already being claimed: whoever takes them clears
   * the mark once their claim is settled. An update older than the last is ignored.
   */
  read(candle: Candle, indicators: IndicatorValues | undefined, now: number, out: Crossed[]): void {
    const last = this.last;
    if (!last || candle.time < last.time) return;
    const opens = candle.time > last.time;
    if (opens) {
      this.closes.push(candle.close);
      if (this.closes.length > MAX_MOVE_BARS + 1) this.closes.shift();
    } else {
      this.closes[this.closes.length - 1] = candle.close;
    }
    this.last = candle;
    if (this.count === 0) return;

    for (let s = 0; s < this.seriesList.length; s++) {
      const books = this.seriesList[s]!;
      const start = out.length;
      if (books.key === 'price') {
        // Everything a new candle spans happened since the last reading; within a candle, only a
        // new high or low says the price went further than the close shows.
        const high = opens || candle.high > last.high ? candle.high : candle.close;
        const low = opens || candle.low < last.low ? candle.low : candle.close;
        books.above.risen(last.close, high, found);
        take(out, candle.close, 'above', null);
        books.below.fallen(last.close, low, found);
        take(out, candle.close, 'below', null);
      } else {
        const value = this.valueOf(books.key, candle.close, indicators);
        const before = books.value;
        books.value = value;
        if (before === undefined || value === undefined) continue;
        books.above.risen(before, value, found);
        books.below.fallen(before, value, found);
        take(out, candle.close, undefined, value);
      }
      dropUnready(out, start, now);
    }
  }

  private valueOf(
    key: SeriesKey,
    close: number,
    indicators: IndicatorValues | undefined,
  ): number | undefined {
    const bars = moveBarsOf(key);
    if (bars === undefined) return indicators && indicatorValue(key, close, indicators);
    const reference = this.closes[this.closes.length - 1 - bars];
    return reference === undefined ? undefined : ((close - reference) / reference) * 100;
  }
}

/** Where the books put what a reading passed, reused: a tick allocates nothing when nothing fires. */
const found: WatchedAlert[] = [];

/** Moves what the books found to `out`; a price level is the trigger's price when the close is back behind it. */
function take(out: Crossed[], close: number, level: Crossing | undefined, value: number | null): void {
  for (const alert of found) {
    const at = alert.watch.level;
    const price = level === 'above' ? Math.max(close, at) : level === 'below' ? Math.min(close, at) : close;
    out.push({ alert, price, value });
  }
  found.length = 0;
}

/** Removes from `out[start..]` the alerts that may not fire now, in place, and marks the others claiming. */
function dropUnready(out: Crossed[], start: number, now: number): void {
  let kept = start;
  for (let i = start; i < out.length; i++) {
    const { alert } = out[i]!;
    if (alert.claiming || alert.rearmAt > now) continue;
    alert.claiming = true;
    out[kept++] = out[i]!;
  }
  out.length = kept;
}
