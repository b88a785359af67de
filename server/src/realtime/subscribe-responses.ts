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

/** A stream's forecast, and whether this class made it (and so published it to the room). */
interface MadePrediction {
  prediction: Prediction | null;
  madeHere: boolean;
}

/** A subscribe response, and the forecast to send its socket after it, when the room will not. */
export interface BuiltResponse {
  response: SubscribeResponse;
  /**
   * Resolves to a forecast for the caller to emit to this socket alone, or null: set when the
   * response went without a forecast that was made before the socket joined the stream's room by a
   * caller other than this one (so no room publish reaches the socket); a forecast made here, or
   * later, reaches it through the room.
   */
  laterPrediction: Promise<Prediction | null> | null;
}

/**
 * Builds subscribe responses. Everything but the forming candle is encoded and compressed once per
 * stream revision (and minute, as analyses and forecasts are), then the same bytes go to every
 * subscriber: a storm of subscribes costs a lookup each, not a serialisation each. Compression runs
 * on libuv's thread pool, off the event loop.
 *
 * The response waits for the stream's analysis (its lines are drawn with the first candles) but not
 * for a forecast still being made: that takes the trends of neighbouring timeframes, a fit and the
 * database, and once a minute it held every first chart for a second or more. Once made, the
 * forecast is published to the stream's room like any other (by this caller only when it made it,
 * as the scheduler does), so the subscribers answered without it get it, and it goes in the
 * responses built after it. One made earlier by another caller is sent to the socket alone.
 */
export class SubscribeResponses {
  /** The analysis and forecast of a stream version: fetched once, whatever the number of subscribers. */
  private readonly analyses = new LRUCache<string, Promise<Analysis | null>>({ max: 1_000, ttl: 120_000 });
  private readonly predictions = new LRUCache<string, Promise<MadePrediction>>({
    max: 1_000,
    ttl: 120_000,
  });
  /** The forecasts of `predictions` that have arrived, for the responses that can carry them. */
  private readonly readyPredictions = new LRUCache<string, { prediction: Prediction | null }>({
    max: 1_000,
    ttl: 120_000,
  });
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
      /** Sends a forecast to the stream's room. */
      publishPrediction: (prediction: Prediction) => void;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** Call once the socket has joined the stream's room. */
  async build(snapshot: StreamSnapshot, limit: number): Promise<BuiltResponse> {
    const joinedAt = this.deps.clock();
    const { symbol, timeframe, mode, status, candles } = snapshot;
    const forming = candles.at(-1) ?? null;
    const closed = candles.slice(0, -1);
    const version = `${streamKey(symbol, timeframe)}:${snapshot.revision}:${bucketStart(this.deps.clock(), '1m')}`;
    // Both start now; the forecast has until the analysis is there to be ready.
    const made = this.cached(this.predictions, version, () =>
      this.fetchPrediction(snapshot).then((m) => {
        this.readyPredictions.set(version, { prediction: m.prediction });
        return m;
      }),
    );
    const analysis = await this.cached(this.analyses, version, () => this.fetchAnalysis(snapshot));
    const ready = this.readyPredictions.get(version);
    const extras = { analysis, prediction: ready?.prediction ?? null };
    const body =
      mode === 'snapshot'
        ? this.cached(this.bodies, `${version}:${limit}:${ready ? 'forecast' : 'none'}`, () =>
            this.encode(snapshot, closed, extras),
          )
        : this.encode(snapshot, closed, extras);
    const response: SubscribeResponse = {
      symbol,
      timeframe,
      mode,
      status,
      encoding: SNAPSHOT_ENCODING,
      body: await body,
      forming,
    };
    return {
      response,
      laterPrediction: ready
        ? null
        : made.then(({ prediction, madeHere }) =>
            prediction && !madeHere && prediction.computedAt < joinedAt ? prediction : null,
          ),
    };
  }

  private async encode(
    snapshot: StreamSnapshot,
    closed: Candle[],
    { analysis, prediction }: { analysis: Analysis | null; prediction: Prediction | null },
  ): Promise<Uint8Array> {
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

  private fetchAnalysis({ symbol, timeframe }: StreamSnapshot): Promise<Analysis | null> {
    return this.deps.analysis.get(symbol, timeframe).then(
      (r) => r.analysis,
      (err: unknown) => {
        this.deps.logger.warn({ err, symbol, timeframe }, 'no analysis for the snapshot');
        return null;
      },
    );
  }

  private fetchPrediction({ symbol, timeframe }: StreamSnapshot): Promise<MadePrediction> {
    return this.deps.predictions.get(symbol, timeframe).then(
      ({ prediction, computed }) => {
        if (computed && prediction) this.deps.publishPrediction(prediction);
        return { prediction, madeHere: computed };
      },
      (err: unknown) => {
        this.deps.logger.warn({ err, symbol, timeframe }, 'no forecast for the snapshot');
        return { prediction: null, madeHere: false };
      },
    );
  }

  /** One promise per key; a failed one is forgotten so the next subscriber tries again. */
  private cached<T>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>) {
    const hit = cache.get(key);
    if (hit) return hit;
    const made = make();
    cache.set(key, made);
    made.catch(() => cache.delete(key));
    return made;
  }
}
