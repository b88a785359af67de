import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../../shared/market.ts';

/** Folds candles (ascending, all inside one bucket) into the bucket's candle. */
export function foldCandles(time: number, candles: readonly Candle[]): Candle {
  const first = candles[0];
  if (!first) throw new Error('foldCandles needs at least one candle');
  let high = first.high;
  let low = first.low;
  let volume = 0;
  for (const c of candles) {
    if (c.high > high) high = c.high;
    if (c.low < low) low = c.low;
    volume += c.volume;
  }
  // Volumes are summed in floating point; round away the noise below the exchanges' 8 decimals.
  volume = Math.round(volume * 1e8) / 1e8;
  return { time, open: first.open, high, low, close: candles[candles.length - 1]!.close, volume };
}

/** Aggregates ascending candles into the larger `target` timeframe; partial buckets are kept. */
export function aggregateCandles(candles: readonly Candle[], target: Timeframe): Candle[] {
  const out: Candle[] = [];
  let bucket: Candle[] = [];
  let bucketTime = -1;
  for (const c of candles) {
    const t = bucketStart(c.time, target);
    if (t !== bucketTime && bucket.length > 0) {
      out.push(foldCandles(bucketTime, bucket));
      bucket = [];
    }
    bucketTime = t;
    bucket.push(c);
  }
  if (bucket.length > 0) out.push(foldCandles(bucketTime, bucket));
  return out;
}

/** The largest of `available` that divides `target` evenly, or undefined. */
export function baseTimeframeFor(target: Timeframe, available: readonly Timeframe[]): Timeframe | undefined {
  let best: Timeframe | undefined;
  for (const tf of available) {
    const fits = TIMEFRAME_MS[tf] <= TIMEFRAME_MS[target] && TIMEFRAME_MS[target] % TIMEFRAME_MS[tf] === 0;
    if (fits && (best === undefined || TIMEFRAME_MS[tf] > TIMEFRAME_MS[best])) best = tf;
  }
  return best;
}

/**
 * Live aggregation of a base feed into a larger timeframe: keeps the base candles of the current
 * bucket so a corrected or late base candle re-folds correctly.
 */
export class BucketAggregator {
  private bucketTime = -1;
  private readonly members = new Map<number, Candle>();

  constructor(private readonly target: Timeframe) {}

  /** Adds or replaces a base candle; returns the target candle it belongs to, or undefined if stale. */
  push(base: Candle): Candle | undefined {
    const t = bucketStart(base.time, this.target);
    if (t < this.bucketTime) return undefined;
    if (t > this.bucketTime) {
      this.bucketTime = t;
      this.members.clear();
    }
    this.members.set(base.time, base);
    return this.current();
  }

  /** Seeds base candles fetched after the feed started; live ones already held win. */
  seed(bases: readonly Candle[]): Candle | undefined {
    for (const b of bases) {
      const t = bucketStart(b.time, this.target);
      if (t > this.bucketTime) {
        this.bucketTime = t;
        this.members.clear();
      }
      if (t === this.bucketTime && !this.members.has(b.time)) this.members.set(b.time, b);
    }
    return this.current();
  }

  private current(): Candle | undefined {
    if (this.members.size === 0) return undefined;
    const sorted = [...this.members.values()].sort((a, b) => a.time - b.time);
    return foldCandles(this.bucketTime, sorted);
  }
}
