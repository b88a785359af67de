import type { Analysis } from '../../../shared/analysis.ts';
import { analyze, type AnalyzeOptions } from '../analysis/analyze.ts';
import { fitStream, type FitOutput } from '../predict/fit-stream.ts';
import { unpackCandles, type PackedCandles } from './packed-candles.ts';

/** The CPU-heavy work the server hands to worker threads: pure functions of their input. */
export type ComputeTask =
  | { kind: 'fit'; candles: PackedCandles; horizon: number }
  | { kind: 'analyze'; candles: PackedCandles; options: AnalyzeOptions };

export type ComputeResult = FitOutput | Analysis;

/** Piscina's entry point: one task per call. */
export default function run(task: ComputeTask): ComputeResult {
  switch (task.kind) {
    case 'fit':
      return fitStream({ candles: unpackCandles(task.candles), horizon: task.horizon });
    case 'analyze':
      return analyze(unpackCandles(task.candles), task.options);
  }
}
