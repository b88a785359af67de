import type { Analysis } from '../../../shared/analysis.ts';
import { analyze as analyzeCandles, type AnalyzeOptions } from '../analysis/analyze.ts';
import { unpackCandles, type PackedCandles } from '../market/packed-candles.ts';
import { fitStream, type FitOutput } from '../predict/fit-stream.ts';

/**
 * The worker threads' module: one export per compute task, each a pure function of its input.
 * Candles travel as packed columns (a structured clone of typed arrays costs microseconds).
 */
export function analyze(input: { candles: PackedCandles; options: AnalyzeOptions }): Analysis {
  return analyzeCandles(unpackCandles(input.candles), input.options);
}

export function fit(input: { candles: PackedCandles; horizon: number }): FitOutput {
  return fitStream({ candles: unpackCandles(input.candles), horizon: input.horizon });
}
