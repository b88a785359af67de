import type { Analysis } from '../../../shared/analysis.ts';
import { historyDepth } from '../../../shared/limits.ts';
import { TIMEFRAME_MS, bucketStart, type Candle, type Timeframe } from '../../../shared/market.ts';
import type { Cached } from '../cache/cached.ts';
import type { Clock } from '../kernel/clock.ts';
import type { MarketService } from '../market/market-service.ts';
import type { Streams } from '../streams/port.ts';
import type { AnalyzeOptions } from './analyze.ts';

/** Computes an analysis (the composition root runs it in worker threads, off the event loop). */
export type Analyze = (candles: readonly Candle[], options: AnalyzeOptions) => Promise<Analysis>;

/**
 * Candles an analysis looks at: enough for EMA 200 to settle, and what the chart draws (its lines
 * cover every candle a chart starts with, years of them on the long timeframes).
 */
export const analysisWindow: (timeframe: Timeframe) => number = historyDepth;
const TTL_MS = 60_000;

/**
 * The analysis of a stream through the one-minute cache. Keys carry source, symbol, timeframe, the
 * minute and the last closed candle, so a new minute or a candle close means a new analysis, and
 * every caller in that minute, on any instance, gets the one computed.
 */
export class AnalysisService {
  constructor(
    private readonly deps: {
      market: MarketService;
      streams: Pick<Streams, 'recent'>;
      cached: Cached;
      clock: Clock;
      analyze: Analyze;
      /** Counts this instance's computations (a metric). */
      onComputed?: (symbol: string, timeframe: Timeframe) => void;
    },
  ) {}

  async get(symbol: string, timeframe: Timeframe): Promise<{ analysis: Analysis; computed: boolean }> {
    const { market, streams, cached, clock } = this.deps;
    market.assertStream(symbol, timeframe);
    const now = clock();
    const lastClosed = bucketStart(now, timeframe) - TIMEFRAME_MS[timeframe];
    const key = `analysis:${market.info.id}:${symbol}:${timeframe}:${bucketStart(now, '1m')}:${lastClosed}`;
    const { value, computed } = await cached.load(key, TTL_MS, async () => {
      const candles = await streams.recent(symbol, timeframe, analysisWindow(timeframe));
      this.deps.onComputed?.(symbol, timeframe);
      const precision = market.symbols().find((s) => s.symbol === symbol)?.pricePrecision ?? 2;
      return this.deps.analyze(candles, {
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
