import type { TrendDirection, VolatilityRegime } from '../../../shared/analysis.ts';
import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import type { Cached } from '../cache/cached.ts';
import type { Clock } from '../kernel/clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Logger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import type { Streams } from '../streams/port.ts';
import { loadDirectionModel } from './direction-repository.ts';
import { DirectionModel } from './direction.ts';
import type { FitInput, FitOutput } from './fit-stream.ts';
import { FORECAST_MODEL, type Forecast } from './forecast.ts';
import { insertPrediction, scorecard, type StreamRef } from './prediction-repository.ts';
import { confluenceTimeframes } from './confluence-ladder.ts';
import { confluence, riskOf } from './regime.ts';

/** Candles ahead a forecast looks, and the history it is fitted on. */
export const HORIZON = 10;
const FIT_WINDOW = 1000;
const TTL_MS = 60_000;

/**
 * The forecast, Bayesian direction, regime, risk and scorecard of a stream, through the one-minute
 * cache: keyed like the analysis (minute and last closed candle), so a candle close means a new
 * forecast and every caller in that minute, on any instance, gets the one computed. Each forecast is
 * stored once per input candle; the fitting runs in the worker pool.
 */
export class PredictionService {
  constructor(
    private readonly deps: {
      market: MarketService;
      streams: Pick<Streams, 'recent'>;
      analysis: AnalysisService;
      cached: Cached;
      database: DatabaseHandle;
      /** Fits a stream (the composition root runs it in worker threads, off the event loop). */
      fit: (input: FitInput) => Promise<FitOutput>;
      clock: Clock;
      logger: Logger;
      onIssued?: () => void;
    },
  ) {}

  async get(
    symbol: string,
    timeframe: Timeframe,
  ): Promise<{ prediction: Prediction | null; computed: boolean }> {
    const { market, cached, clock } = this.deps;
    market.assertStream(symbol, timeframe);
    const now = clock();
    const lastClosed = bucketStart(now, timeframe) - TIMEFRAME_MS[timeframe];
    const key = `prediction:${market.info.id}:${symbol}:${timeframe}:${bucketStart(now, '1m')}:${lastClosed}`;
    const { value, computed } = await cached.load(key, TTL_MS, () => this.issue(symbol, timeframe));
    return { prediction: value, computed };
  }

  /** Fits and issues a forecast now, past the cache (get goes through it); null with too little history. */
  async issue(symbol: string, timeframe: Timeframe): Promise<Prediction | null> {
    const { market, streams, fit: fitStream, clock } = this.deps;
    const formingTime = bucketStart(clock(), timeframe);
    const recent = await streams.recent(symbol, timeframe, FIT_WINDOW + 1);
    // Forecasts start from closed candles only: a forming candle's close is not a close yet.
    const closed = recent.filter((c) => c.time < formingTime).slice(-FIT_WINDOW);
    const [fit, context] = await Promise.all([
      fitStream({ candles: closed, horizon: HORIZON }),
      this.marketContext(symbol, timeframe),
    ]);
    if (!fit.forecast) return null;
    this.deps.onIssued?.();
    const last = closed.at(-1)!;
    const step = TIMEFRAME_MS[timeframe];
    const stream: StreamRef = { source: market.info.id, symbol, timeframe };
    const model = await this.direction(stream);
    const direction = model.estimate(fit.state);
    const agreement = confluence(context.trends);
    const risk = riskOf({
      volatility: context.volatility,
      confluence: agreement,
      anomalies: fit.anomalies,
      regime: fit.regime,
    });
    const prediction: Prediction = {
      symbol,
      timeframe,
      source: market.info.id,
      model: FORECAST_MODEL,
      computedAt: clock(),
      lastCandleTime: last.time,
      from: fit.forecast.from,
      horizon: HORIZON,
      sigma: fit.forecast.sigma,
      path: fit.forecast.path.map(({ step: k, ...p }) => ({ time: last.time + k * step, ...p })),
      direction,
      regime: { regime: fit.regime, ...(fit.hurst === undefined ? {} : { hurst: fit.hurst }) },
      confluence: agreement,
      anomalies: fit.anomalies,
      risk,
      scorecard: { n: 0 },
    };
    prediction.scorecard = await this.record(stream, last, prediction, fit.forecast);
    return prediction;
  }

  /**
   * Trends of the timeframes around this one (4h reads 1h, 4h and 1d) and the volatility of this
   * one, from their cached analyses.
   */
  private async marketContext(symbol: string, timeframe: Timeframe) {
    const { analysis, market, logger } = this.deps;
    const ladder = confluenceTimeframes(timeframe, market.timeframes());
    const trends: Partial<Record<Timeframe, TrendDirection>> = {};
    let volatility: VolatilityRegime = 'normal';
    await Promise.all(
      ladder.map(async (tf) => {
        try {
          const { analysis: a } = await analysis.get(symbol, tf);
          trends[tf] = a.summary.trend.direction;
          if (tf === timeframe) volatility = a.summary.volatility.regime;
        } catch (err) {
          // A timeframe the market cannot give leaves confluence with the ones it can.
          logger.debug({ err, symbol, timeframe: tf }, 'no analysis for confluence');
        }
      }),
    );
    // Smallest first whatever answered first, so the same market always reads the same.
    const ordered = Object.fromEntries(ladder.filter((tf) => trends[tf]).map((tf) => [tf, trends[tf]!]));
    return { trends: ordered as Record<string, TrendDirection>, volatility };
  }

  private async direction(stream: StreamRef) {
    try {
      return await loadDirectionModel(this.deps.database.db, stream, HORIZON);
    } catch (err) {
      this.deps.logger.warn({ err, stream }, 'direction model unavailable; using the prior');
      return new DirectionModel();
    }
  }

  /** Stores the forecast (once per input candle) and reads the stream's scorecard. */
  private async record(stream: StreamRef, last: Candle, p: Prediction, forecast: Forecast) {
    const { database, logger } = this.deps;
    try {
      await insertPrediction(database.db, {
        ...stream,
        model: p.model,
        horizon: p.horizon,
        lastCandleTime: last.time,
        targetTime: p.path.at(-1)!.time,
        result: {
          forecast,
          direction: p.direction,
          risk: p.risk,
          regime: p.regime,
        },
      });
      return await scorecard(database.db, stream, p.model);
    } catch (err) {
      // The forecast is still worth showing; the record catches up with the next one.
      logger.warn({ err, stream }, 'could not store the forecast or read its scorecard');
      return { n: 0, unavailable: true as const };
    }
  }
}
