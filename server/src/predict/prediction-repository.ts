import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DirectionEstimate } from './direction.ts';
import type { Forecast } from './forecast.ts';
import { recordOutcome } from './direction-repository.ts';
import { summarizeScores, type PredictionScore, type Scorecard } from './score.ts';
import type { StreamRef } from './stream-ref.ts';

export type { StreamRef };

/** Plain functions over the `predictions` table; each takes the database (or a transaction). */

export interface PredictionResult {
  forecast: Forecast;
  direction: DirectionEstimate;
  /** What else was said with it, kept for the record. */
  risk?: unknown;
  regime?: unknown;
}

export interface NewPrediction extends StreamRef {
  model: string;
  horizon: number;
  lastCandleTime: number;
  targetTime: number;
  result: PredictionResult;
}

export interface DuePrediction extends StreamRef {
  id: string;
  model: string;
  horizon: number;
  lastCandleTime: number;
  targetTime: number;
  result: PredictionResult;
}

/** Stores a forecast; false when this stream, model and input candle already have one. */
export async function insertPrediction(db: Kysely<Database>, p: NewPrediction): Promise<boolean> {
  const inserted = await db
    .insertInto('predictions')
    .values({
      source: p.source,
      symbol: p.symbol,
      timeframe: p.timeframe,
      model: p.model,
      horizon: p.horizon,
      last_candle_time: new Date(p.lastCandleTime),
      target_time: new Date(p.targetTime),
      result: JSON.stringify(p.result),
    })
    .onConflict((oc) => oc.constraint('predictions_once_per_input').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Unscored forecasts of a source whose target candle has closed by `closedUntil`. */
export async function duePredictions(
  db: Kysely<Database>,
  source: string,
  closedUntil: number,
  limit = 1000,
): Promise<DuePrediction[]> {
  const rows = await db
    .selectFrom('predictions')
    .select([
      'id',
      'source',
      'symbol',
      'timeframe',
      'model',
      'horizon',
      'last_candle_time',
      'target_time',
      'result',
    ])
    .where('source', '=', source)
    .where('scored_at', 'is', null)
    .where('target_time', '<=', new Date(closedUntil))
    .orderBy('target_time')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    source: r.source,
    symbol: r.symbol,
    timeframe: r.timeframe,
    model: r.model,
    horizon: r.horizon,
    lastCandleTime: r.last_candle_time.getTime(),
    targetTime: r.target_time.getTime(),
    result: r.result as PredictionResult,
  }));
}

/** Records a score unless one is there already: true only for the caller that scored it. */
export async function markScored(
  db: Kysely<Database>,
  id: string,
  score: PredictionScore,
  at = new Date(),
): Promise<boolean> {
  const updated = await db
    .updateTable('predictions')
    .set({ score: JSON.stringify(score), scored_at: at })
    .where('id', '=', id as never)
    .where('scored_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * Scores a due forecast and teaches its outcome to the stream's direction model, in one transaction:
 * true only for the one caller (of any instance, before or after a restart) that scored it.
 */
export async function scoreOnce(
  db: Kysely<Database>,
  due: DuePrediction,
  score: PredictionScore,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await markScored(trx, due.id, score))) return false;
    await recordOutcome(trx, due, due.horizon, due.result.direction.state, score.wentUp);
    return true;
  });
}

/** The rolling scorecard of a stream and model over its most recent `window` scored forecasts. */
export async function scorecard(
  db: Kysely<Database>,
  stream: StreamRef,
  model: string,
  window = 500,
): Promise<Scorecard> {
  const rows = await db
    .selectFrom('predictions')
    .select('score')
    .where('source', '=', stream.source)
    .where('symbol', '=', stream.symbol)
    .where('timeframe', '=', stream.timeframe)
    .where('model', '=', model)
    .where('scored_at', 'is not', null)
    .orderBy('scored_at', 'desc')
    .limit(window)
    .execute();
  return summarizeScores(rows.map((r) => r.score as PredictionScore));
}
