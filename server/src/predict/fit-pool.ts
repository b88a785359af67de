import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { FitInput, FitOutput } from './fit-stream.ts';

export interface FitPool {
  fit(input: FitInput): Promise<FitOutput>;
  close(): Promise<void>;
}

/**
 * A pool of worker threads for fitting (Piscina). One thread less than the machine has, so the event
 * loop keeps a core; at least one. Tasks queue when every thread is busy.
 */
export function createFitPool(options: { threads?: number } = {}): FitPool {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  const pool = new Piscina<FitInput, FitOutput>({
    filename: new URL('./fit-worker-entry.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return {
    fit: (input) => pool.run(input),
    close: () => pool.destroy(),
  };
}
