import type { Candle } from '../../../shared/market.ts';

/** The latest candles of one stream, ascending by time, never more than `limit`. */
export class CandleStore {
  private candles: Candle[] = [];

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.candles.length;
  }

  get last(): Candle | undefined {
    return this.candles[this.candles.length - 1];
  }

  get first(): Candle | undefined {
    return this.candles[0];
  }

  /**
   * Adds or replaces the candle with the same time. `appended`: a new latest candle; `updated`: an
   * existing or older candle changed; `ignored`: older than everything a full store keeps.
   */
  upsert(candle: Candle): 'appended' | 'updated' | 'ignored' {
    const last = this.last;
    if (!last || candle.time > last.time) {
      this.candles.push(candle);
      if (this.candles.length > this.limit) this.candles.splice(0, this.candles.length - this.limit);
      return 'appended';
    }
    const i = this.indexAtOrAfter(candle.time);
    if (this.candles[i]?.time === candle.time) {
      this.candles[i] = candle;
      return 'updated';
    }
    if (this.candles.length >= this.limit && i === 0) return 'ignored';
    this.candles.splice(i, 0, candle);
    if (this.candles.length > this.limit) this.candles.shift();
    return 'updated';
  }

  /** Merges history without overwriting candles already held: a live candle is never older. */
  mergeHistory(history: readonly Candle[]): void {
    const held = new Set(this.candles.map((c) => c.time));
    const merged = [...this.candles, ...history.filter((c) => !held.has(c.time))].sort(
      (a, b) => a.time - b.time,
    );
    this.candles = merged.slice(-this.limit);
  }

  latest(count: number): Candle[] {
    return this.candles.slice(-count);
  }

  /** Every candle with time >= `time`. */
  since(time: number): Candle[] {
    return this.candles.slice(this.indexAtOrAfter(time));
  }

  private indexAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.candles.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.candles[mid]!.time < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
