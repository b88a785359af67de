/** Walk-forward evaluation of the forecast and direction models; what it prints is in USAGE. */
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { TIMEFRAMES } from '../shared/market.ts';
import { aggregateCandles } from '../server/src/market/aggregate.ts';
import { normalizeCandles } from '../server/src/market/candles.ts';
import { readRecordedCsv } from '../server/src/market/replay/recorded-candles.ts';
import { evaluateForecasts } from '../server/src/predict/evaluate.ts';
import { fitStream } from '../server/src/predict/fit-stream.ts';
import { fail, fileArg, intArg, oneOf, parseCli } from './cli.ts';

const USAGE = `Usage: node --import tsx scripts/eval-forecast.ts --csv FILE [--timeframe TF] [--horizon 10] [--json]

Walk-forward evaluation of the forecast and direction models over a recorded CSV
(timestamp,open,high,low,close,volume; .csv or .csv.gz), as the live system would have issued them.
Prints MAE ratio vs the naive forecast (last close), 80/95 % interval coverage, directional hit rate,
Brier score and time per fit. Parameters are the live ones: nothing is tuned per file.

Options:
  --csv FILE       recorded candles (required)
  --timeframe TF   aggregate the file's candles to ${TIMEFRAMES.join(', ')} first
                   (default: the file's own timeframe)
  --horizon N      candles ahead to forecast, 1-100 (default 10)
  --json           print one object {n, maeRatio, coverage80, coverage95, hitRate, brier, msPerFit}
                   (coverage as fractions) instead of the report and progress bar
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    csv: { type: 'string' },
    timeframe: { type: 'string' },
    horizon: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
const csv = fileArg(values.csv, '--csv');
const horizon = intArg(values.horizon, '--horizon', { min: 1, max: 100 });
const timeframe =
  values.timeframe === undefined ? undefined : oneOf(values.timeframe, '--timeframe', TIMEFRAMES);
// A malformed file is a bad argument too: one line naming the line at fault, not a stack trace.
const recorded = await readRecordedCsv(csv).catch((err: Error) => fail(`--csv: ${err.message}`));
let candles = normalizeCandles(recorded.candles);
if (timeframe) {
  // Aggregating is allowed (1m → 5m, say); the file's own timeframe is used when none is given.
  candles = aggregateCandles(candles, timeframe);
}

const bar = values.json
  ? undefined
  : new SingleBar({
      format: `${basename(csv)} [{bar}] {percentage}% | {value}/{total} forecasts | ETA {eta}s`,
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
  console.log(`\n${basename(csv)}, horizon ${horizon}: ${result.n} forecasts scored`);
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
