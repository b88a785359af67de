/**
 * Walk-forward evaluation of the forecast and direction models over a recorded CSV
 * (`timestamp,open,high,low,close,volume`), as the live system would have issued them.
 *
 *   node --import tsx scripts/eval-forecast.ts --csv FILE [--timeframe 1m] [--horizon 10] [--json]
 *
 * Prints MAE ratio vs the naive forecast (last close), 80/95 % interval coverage, directional hit rate,
 * Brier score and time per fit; with --json one object {n, maeRatio, coverage80, coverage95, hitRate,
 * brier, msPerFit} (coverage as fractions). Parameters are the live ones: nothing is tuned per file.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { TimeframeSchema } from '../shared/market.ts';
import { aggregateCandles } from '../server/src/market/aggregate.ts';
import { normalizeCandles } from '../server/src/market/candles.ts';
import { readRecordedCsv } from '../server/src/market/replay/recorded-candles.ts';
import { evaluateForecasts } from '../server/src/predict/evaluate.ts';
import { fitStream } from '../server/src/predict/fit-stream.ts';

const { values } = parseArgs({
  options: {
    csv: { type: 'string' },
    timeframe: { type: 'string' },
    horizon: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
if (!values.csv) {
  console.error('usage: eval-forecast.ts --csv FILE [--timeframe 1m] [--horizon 10] [--json]');
  process.exit(2);
}
const horizon = Number(values.horizon);
if (!Number.isInteger(horizon) || horizon < 1 || horizon > 100) {
  console.error('--horizon must be a whole number from 1 to 100');
  process.exit(2);
}
let candles = normalizeCandles((await readRecordedCsv(values.csv)).candles);
if (values.timeframe) {
  // Aggregating is allowed (1m → 5m, say); the file's own timeframe is used when none is given.
  candles = aggregateCandles(candles, TimeframeSchema.parse(values.timeframe));
}

const bar = values.json
  ? undefined
  : new SingleBar({
      format: `${basename(values.csv)} [{bar}] {percentage}% | {value}/{total} forecasts | ETA {eta}s`,
    });
let started = false;
const result = evaluateForecasts(candles, {
  horizon,
  onProgress: (done, total) => {
    if (!bar) return;
    if (!started) bar.start(total, 0);
    started = true;
    bar.update(done);
  },
});
bar?.stop();

if (values.json) {
  console.log(JSON.stringify(result));
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`\n${basename(values.csv)}, horizon ${horizon}: ${result.n} forecasts scored`);
  console.log(
    `  MAE vs naive (last close): ${result.maeRatio.toFixed(3)} ${result.maeRatio < 1 ? '(skill)' : '(no skill)'}`,
  );
  console.log(
    `  interval coverage:         ${pct(result.coverage80)} of 80 %, ${pct(result.coverage95)} of 95 %`,
  );
  console.log(`  directional hit rate:      ${pct(result.hitRate)}`);
  console.log(`  Brier score:               ${result.brier.toFixed(4)} (0.25 = a coin)`);
  console.log(`  time per fit:              ${result.msPerFit.toFixed(2)} ms`);
  console.log(
    `  time per live fit:         ${liveFitMs(candles, horizon).toFixed(2)} ms (in a worker thread)`,
  );
}

/**
 * What the server's worker does per stream and candle close: the forecast on 1,000 candles plus the
 * indicator state, Hurst exponent and anomaly flags (server/src/predict/fit-stream.ts).
 */
function liveFitMs(all: typeof candles, h: number): number {
  const runs = Math.min(200, Math.max(0, all.length - 1000));
  if (runs === 0) return Number.NaN;
  const started = performance.now();
  for (let i = 0; i < runs; i++) fitStream({ candles: all.slice(i, i + 1000), horizon: h });
  return (performance.now() - started) / runs;
}
