import { fitStream, type FitInput, type FitOutput } from './fit-stream.ts';

/** Piscina's entry point: one task, one stream. */
export default function fit(input: FitInput): FitOutput {
  return fitStream(input);
}
