import type { Analysis } from '../../../shared/analysis.ts';
import { streamKey, type Timeframe } from '../../../shared/market.ts';
import type { Logger } from '../kernel/logger.ts';
import { OncePerStream } from '../streams/once-per-stream.ts';
import type { Streams } from '../streams/port.ts';
import { withoutSeries, type AnalysisService } from './analysis-service.ts';

/**
 * Pushes each watched stream's analysis when a candle closes and otherwise once a minute. Only the
 * caller that computed a result publishes it, so with several instances it goes out once.
 */
export class AnalysisScheduler {
  private timer?: NodeJS.Timeout;
  private stopListening?: () => void;
  private readonly once = new OncePerStream();

  constructor(
    private readonly deps: {
      service: AnalysisService;
      streams: Streams;
      publish: (analysis: Analysis) => void;
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
    this.timer = setInterval(() => {
      for (const s of streams.viewed()) this.refresh(s.symbol, s.timeframe);
    }, this.deps.intervalMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    this.stopListening?.();
    clearInterval(this.timer);
  }

  refresh(symbol: string, timeframe: Timeframe): void {
    this.once.run(symbol, timeframe, () =>
      this.deps.service
        .get(symbol, timeframe)
        .then(({ analysis, computed }) => {
          if (computed) this.deps.publish(withoutSeries(analysis));
        })
        .catch((err: unknown) =>
          this.deps.logger.warn({ err, stream: streamKey(symbol, timeframe) }, 'analysis failed'),
        ),
    );
  }
}
