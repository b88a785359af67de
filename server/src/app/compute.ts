import type { Analyze } from '../analysis/analysis-service.ts';
import { createComputePool, type ComputePool } from '../compute/compute-pool.ts';
import { packCandles } from '../market/packed-candles.ts';
import type { FitInput, FitOutput } from '../predict/fit-stream.ts';
import type * as tasks from './compute-tasks.ts';

/** The tasks module: compiled JavaScript in production, the TypeScript sources under tsx or vitest. */
const TASKS_MODULE = import.meta.url.endsWith('.ts')
  ? new URL('./compute-tasks-source.mjs', import.meta.url)
  : new URL('./compute-tasks.js', import.meta.url);

export function createTaskPool(threads?: number): ComputePool {
  return createComputePool({ filename: TASKS_MODULE, threads });
}

type Task = keyof typeof tasks;
const run = <T extends Task>(pool: ComputePool, task: T, input: Parameters<(typeof tasks)[T]>[0]) =>
  pool.run<typeof input, ReturnType<(typeof tasks)[T]>>(task, input);

/** The analysis and fitting functions the domains are given, computed in the pool. */
export function computeFunctions(pool: ComputePool): {
  analyze: Analyze;
  fit: (input: FitInput) => Promise<FitOutput>;
} {
  return {
    analyze: (candles, options) => run(pool, 'analyze', { candles: packCandles(candles), options }),
    fit: ({ candles, horizon }) => run(pool, 'fit', { candles: packCandles(candles), horizon }),
  };
}
