import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Analysis } from '../../../shared/analysis.ts';
import { bucketStart, streamKey, type Candle } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import { SNAPSHOT_ENCODING, encodeSnapshotBody, type SubscribeResponse } from '../../../shared/snapshot.ts';
import { withSeriesFrom, type AnalysisService } from '../analysis/analysis-service.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import type { PredictionService } from '../predict/prediction-service.ts';
import type { StreamSnapshot } from '../streams/stream-hub.ts';

const gzipAsync = promisify(gzip);

interface Extras {
  analysis: Analysis | null;
  prediction: Prediction | null;
}

/**
 * Builds subscribe responses. Everything but the forming candle is encoded and compressed once per
 * stream revision (and minute, as analyses and forecasts are), then the same bytes go to every
 * subscriber: a storm of subscribes costs a lookup each, not a serialisation each. Compression runs
 * on libuv's thread pool, off the event loop.
 */
export class SubscribeResponses {
  /** The analysis and forecast of a stream version: fetched once, whatever the number of subscribers. */
  private readonly extras = new LRUCache<string, Promise<Extras>>({ max: 1_000, ttl: 120_000 });
  private readonly bodies = new LRUCache<string, Promise<Uint8Array>>({
    max: 1_000,
    // Compressed snapshots are tens of kilobytes; this keeps a few hundred streams' worth.
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: () => 64 * 1024,
    ttl: 120_000,
  });

  constructor(
    private readonly deps: {
      market: MarketService;
      analysis: AnalysisService;
      predictions: PredictionService;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  async build(snapshot: StreamSnapshot, limit: number): Promise<SubscribeResponse> {
    const { symbol, timeframe, mode, status, candles } = snapshot;
    const forming = candles.at(-1) ?? null;
    const closed = candles.slice(0, -1);
    const version = `${streamKey(symbol, timeframe)}:${snapshot.revision}:${bucketStart(this.deps.clock(), '1m')}`;
    const body =
      mode === 'snapshot'
        ? this.cached(this.bodies, `${version}:${limit}`, () => this.encode(snapshot, closed, version))
        : this.encode(snapshot, closed, version);
    return { symbol, timeframe, mode, status, encoding: SNAPSHOT_ENCODING, body: await body, forming };
  }

  private async encode(snapshot: StreamSnapshot, closed: Candle[], version: string): Promise<Uint8Array> {
    const { analysis, prediction } = await this.cached(this.extras, version, () =>
      this.fetchExtras(snapshot),
    );
    // A snapshot needs the series only as far back as its candles; a delta gets the whole window.
    const first = snapshot.candles[0];
    const cut =
      analysis && snapshot.mode === 'snapshot' && first ? withSeriesFrom(analysis, first.time) : analysis;
    const priceDecimals = this.deps.market
      .symbols()
      .find((s) => s.symbol === snapshot.symbol)?.pricePrecision;
    const text = encodeSnapshotBody({ candles: closed, analysis: cut, prediction }, { priceDecimals });
    return gzipAsync(text);
  }

  private async fetchExtras({ symbol, timeframe }: StreamSnapshot): Promise<Extras> {
    const { analysis, predictions, logger } = this.deps;
    const [a, p] = await Promise.all([
      analysis.get(symbol, timeframe).then(
        (r) => r.analysis,
        (err: unknown) => {
          logger.warn({ err, symbol, timeframe }, 'no analysis for the snapshot');
          return null;
        },
      ),
      predictions.get(symbol, timeframe).then(
        (r) => r.prediction,
        (err: unknown) => {
          logger.warn({ err, symbol, timeframe }, 'no forecast for the snapshot');
          return null;
        },
      ),
    ]);
    return { analysis: a, prediction: p };
  }

  /** One promise per key; a failed one is forgotten so the next subscriber tries again. */
  private cached<T extends object>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>) {
    const hit = cache.get(key);
    if (hit) return hit;
    const made = make();
    cache.set(key, made);
    made.catch(() => cache.delete(key));
    return made;
  }
}
