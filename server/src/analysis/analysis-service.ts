import type { Analysis } from '../../../shared/analysis.ts';
import { TIMEFRAME_MS, bucketStart, streamKey, type Timeframe } from '../../../shared/market.ts';
import type { Cached } from '../cache/cached.ts';
import type { Clock } from '../clock.ts';
import type { MarketService } from '../market/market-service.ts';
import type { StreamHub } from '../realtime/stream-hub.ts';
import type { ComputePool } from '../compute/compute-pool.ts';

/** Candles an analysis looks at: enough for EMA 200 to settle, and what the chart draws. */
export const ANALYSIS_WINDOW = 1500;
const TTL_MS = 60_000;

/**
 * The analysis of a stream through the one-minute cache. Keys carry source, symbol, timeframe, the
 * minute and the last closed candle, so a new minute or a candle close means a new analysis, and
 * every caller in that minute, on any instance, gets the one computed.
 */
export class AnalysisService {
  /** Computations done by this instance, for tests and metrics. */
  computations = 0;
  private readonly perStream = new Map<string, number>();

  /** Computations of one stream's analysis done by this instance. */
  computationsOf(symbol: string, timeframe: Timeframe): number {
    return this.perStream.get(streamKey(symbol, timeframe)) ?? 0;
  }

  constructor(
    private readonly deps: {
      market: MarketService;
      hub: StreamHub;
      cached: Cached;
      clock: Clock;
      /** Where the indicators are computed: worker threads, off the event loop. */
      compute: Pick<ComputePool, 'analyze'>;
      onComputed?: () => void;
    },
  ) {}

  async get(symbol: string, timeframe: Timeframe): Promise<{ analysis: Analysis; computed: boolean }> {
    const { market, hub, cached, clock } = this.deps;
    market.assertStream(symbol, timeframe);
    const now = clock();
    const lastClosed = bucketStart(now, timeframe) - TIMEFRAME_MS[timeframe];
    const key = `analysis:${market.info.id}:${symbol}:${timeframe}:${bucketStart(now, '1m')}:${lastClosed}`;
    const { value, computed } = await cached.load(key, TTL_MS, async () => {
      // A watched stream's candles are in memory; otherwise this is the one upstream fetch for it.
      const candles =
        hub.latest(symbol, timeframe, ANALYSIS_WINDOW) ??
        (await market.history(symbol, timeframe, { limit: ANALYSIS_WINDOW }));
      this.computations++;
      const stream = streamKey(symbol, timeframe);
      this.perStream.set(stream, (this.perStream.get(stream) ?? 0) + 1);
      this.deps.onComputed?.();
      const precision = market.symbols().find((s) => s.symbol === symbol)?.pricePrecision ?? 2;
      return this.deps.compute.analyze(candles, {
        symbol,
        timeframe,
        source: market.info.id,
        pricePrecision: precision,
        now: clock(),
      });
    });
    return { analysis: value, computed };
  }
}

/** The analysis with its drawn series cut to start at `from` (the first candle a client holds). */
export function withSeriesFrom(analysis: Analysis, from: number): Analysis {
  const series = analysis.series;
  if (!series) return analysis;
  const start = series.time.findIndex((t) => t >= from);
  if (start <= 0) return analysis;
  const cut = Object.fromEntries(
    Object.entries(series).map(([k, column]) => [k, (column as unknown[]).slice(start)]),
  );
  return { ...analysis, series: cut as unknown as NonNullable<Analysis['series']> };
}

/** What pushed `analysis` events carry: everything but the drawn series. */
export function withoutSeries(analysis: Analysis): Analysis {
  const { series: _series, ...rest } = analysis;
  return rest;
}
