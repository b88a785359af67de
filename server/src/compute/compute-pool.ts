import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Analysis } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { AnalyzeOptions } from '../analysis/analyze.ts';
import type { FitInput, FitOutput } from '../predict/fit-stream.ts';
import { packCandles } from './packed-candles.ts';
import type { ComputeResult, ComputeTask } from './worker-tasks.ts';

/** Analyses and forecast fits, computed off the event loop. */
export interface ComputePool {
  analyze(candles: readonly Candle[], options: AnalyzeOptions): Promise<Analysis>;
  fit(input: FitInput): Promise<FitOutput>;
  close(): Promise<void>;
}

/**
 * A pool of worker threads (Piscina): one thread less than the machine has, so the event loop keeps
 * a core; at least one. Tasks queue when every thread is busy.
 */
export function createComputePool(options: { threads?: number } = {}): ComputePool {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  const pool = new Piscina<ComputeTask, ComputeResult>({
    filename: new URL('./worker-entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return {
    analyze: (candles, options) =>
      pool.run({ kind: 'analyze', candles: packCandles(candles), options }) as Promise<Analysis>,
    fit: ({ candles, horizon }) =>
      pool.run({ kind: 'fit', candles: packCandles(candles), horizon }) as Promise<FitOutput>,
    close: () => pool.destroy(),
  };
}
