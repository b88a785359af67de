import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';

/**
 * CPU-heavy pure functions run off the event loop. The pool knows task names, not what they do: the
 * module behind `filename` exports one function per task, and callers type their own inputs.
 */
export interface ComputePool {
  run<Input, Output>(task: string, input: Input): Promise<Output>;
  close(): Promise<void>;
}

/**
 * A pool of worker threads (Piscina): at most one thread less than the machine has, so the event loop
 * keeps a core; at least one. Tasks queue when every thread is busy.
 */
export function createComputePool(options: { filename: URL; threads?: number }): ComputePool {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  const pool = new Piscina({
    filename: options.filename.href,
    // No thread while there is nothing to compute (an idle worker holds 20-40 MB); a minute of
    // quiet lets them go, and the first task after that pays a thread start, tens of milliseconds.
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return {
    run: (task, input) => pool.run(input, { name: task }),
    close: () => pool.destroy(),
  };
}
