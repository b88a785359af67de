import { streamKey, type Timeframe } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import type { Logger } from '../kernel/logger.ts';
import { OncePerStream } from '../streams/once-per-stream.ts';
import type { Streams } from '../streams/port.ts';
import type { PredictionScorer } from './prediction-scorer.ts';
import type { PredictionService } from './prediction-service.ts';

/**
 * Issues each watched stream's forecast when a candle closes and otherwise once a minute, and scores
 * what has come due — at start too, so forecasts left pending by a restart are scored. Only the
 * caller that computed a forecast publishes it, so with several instances it goes out once.
 */
export class PredictionScheduler {
  private timer?: NodeJS.Timeout;
  private stopListening?: () => void;
  private readonly once = new OncePerStream();
  private scoring?: Promise<void>;

  constructor(
    private readonly deps: {
      service: PredictionService;
      scorer: PredictionScorer;
      streams: Streams;
      publish: (prediction: Prediction) => void;
      logger: Logger;
      intervalMs?: number;
    },
  ) {}

  start(): void {
    const { streams } = this.deps;
    // Streams open only for alerts have nobody to show an analysis or a forecast to.
    this.stopListening = streams.onCandleClosed((s) => {
      if (s.viewed) this.refresh(s.symbol, s.timeframe);
    });
    this.scoreDue();
    this.timer = setInterval(() => {
      this.scoreDue();
      for (const s of streams.viewed()) this.refresh(s.symbol, s.timeframe);
    }, this.deps.intervalMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopListening?.();
    clearInterval(this.timer);
    await this.scoring;
  }

  refresh(symbol: string, timeframe: Timeframe): void {
    this.once.run(symbol, timeframe, () =>
      this.deps.service
        .get(symbol, timeframe)
        .then(({ prediction, computed }) => {
          if (computed && prediction) this.deps.publish(prediction);
        })
        .catch((err: unknown) =>
          this.deps.logger.warn({ err, stream: streamKey(symbol, timeframe) }, 'forecast failed'),
        ),
    );
  }

  /** One scoring pass at a time; a slow database must not stack them up. */
  scoreDue(): Promise<void> {
    this.scoring ??= this.deps.scorer
      .scoreDue()
      .then(
        (n) => {
          if (n > 0) this.deps.logger.debug({ scored: n }, 'forecasts scored');
        },
        (err: unknown) => this.deps.logger.warn({ err }, 'scoring forecasts failed; will retry'),
      )
      .finally(() => (this.scoring = undefined));
    return this.scoring;
  }
}
