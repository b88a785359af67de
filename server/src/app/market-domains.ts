import type { Analysis } from '../../../shared/analysis.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import { liveChartIndicators } from '../analysis/live-indicators.ts';
import { AnalysisScheduler } from '../analysis/analysis-scheduler.ts';
import { AnalysisService, type Analyze } from '../analysis/analysis-service.ts';
import { Cached } from '../cache/cached.ts';
import type { CacheStore } from '../cache/port.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Metrics } from '../kernel/metrics.ts';
import type { MarketService } from '../market/market-service.ts';
import type { FitInput, FitOutput } from '../predict/fit-stream.ts';
import { PredictionScheduler } from '../predict/prediction-scheduler.ts';
import { PredictionScorer } from '../predict/prediction-scorer.ts';
import { PredictionService } from '../predict/prediction-service.ts';
import { createStreams } from '../streams/recent-candles.ts';
import { StreamHub, type StreamPublisher } from '../streams/stream-hub.ts';

export interface MarketDomainsDeps {
  market: MarketService;
  cache: CacheStore;
  database: DatabaseHandle;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  compute: { analyze: Analyze; fit: (input: FitInput) => Promise<FitOutput> };
  /** Where candles, statuses, analyses and forecasts go out (the Socket.IO rooms). */
  publisher: StreamPublisher & {
    analysis(analysis: Analysis): void;
    prediction(prediction: Prediction): void;
  };
  candleStoreLimit: number;
  streamLingerMs?: number;
  analysisIntervalMs?: number;
  predictionIntervalMs?: number;
}

/** Streams, analysis and predictions, from the bottom up; the schedulers are started by `start`. */
export function createMarketDomains(deps: MarketDomainsDeps) {
  const { market, clock, logger, metrics, publisher } = deps;
  const cached = new Cached(deps.cache, logger);
  const hub = new StreamHub(market, publisher, {
    storeLimit: deps.candleStoreLimit,
    lingerMs: deps.streamLingerMs,
    logger,
    indicators: liveChartIndicators,
  });
  const streams = createStreams({ hub, market, cached, clock });
  const analysis = new AnalysisService({
    market,
    streams,
    cached,
    clock,
    analyze: deps.compute.analyze,
    onComputed: (symbol, timeframe) => metrics.analysisComputations.inc({ symbol, timeframe }),
  });
  const analysisScheduler = new AnalysisScheduler({
    service: analysis,
    streams,
    publish: (a) => publisher.analysis(a),
    logger,
    intervalMs: deps.analysisIntervalMs,
  });
  const predictions = new PredictionService({
    market,
    streams,
    analysis,
    cached,
    database: deps.database,
    fit: deps.compute.fit,
    clock,
    logger,
    onIssued: () => metrics.forecastsIssued.inc(),
  });
  const scorer = new PredictionScorer({
    market,
    streams,
    database: deps.database,
    clock,
    logger,
    onScored: (n) => metrics.forecastsScored.inc(n),
  });
  const predictionScheduler = new PredictionScheduler({
    service: predictions,
    scorer,
    streams,
    publish: (p) => publisher.prediction(p),
    logger,
    intervalMs: deps.predictionIntervalMs,
  });
  return {
    hub,
    streams,
    analysis,
    predictions,
    predictionScheduler,
    start() {
      analysisScheduler.start();
      predictionScheduler.start();
    },
    async stop() {
      analysisScheduler.stop();
      await predictionScheduler.stop();
      hub.closeAll();
    },
  };
}
