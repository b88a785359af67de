import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DirectionModel } from './direction.ts';
import type { StreamRef } from './stream-ref.ts';

/** The direction model a stream has learned so far for a horizon: empty (50 %) until outcomes come in. */
export async function loadDirectionModel(
  db: Kysely<Database>,
  stream: StreamRef,
  horizon: number,
): Promise<DirectionModel> {
  const rows = await db
    .selectFrom('direction_counts')
    .select(['state', 'up', 'down'])
    .where('source', '=', stream.source)
    .where('symbol', '=', stream.symbol)
    .where('timeframe', '=', stream.timeframe)
    .where('horizon', '=', horizon)
    .execute();
  return DirectionModel.fromJSON(Object.fromEntries(rows.map((r) => [r.state, { up: r.up, down: r.down }])));
}

/** Counts one outcome of a state; call it in the transaction that scores the forecast it came from. */
export async function recordOutcome(
  db: Kysely<Database>,
  stream: StreamRef,
  horizon: number,
  state: string,
  wentUp: boolean,
): Promise<void> {
  await db
    .insertInto('direction_counts')
    .values({
      source: stream.source,
      symbol: stream.symbol,
      timeframe: stream.timeframe,
      horizon,
      state,
      up: wentUp ? 1 : 0,
      down: wentUp ? 0 : 1,
    })
    .onConflict((oc) =>
      oc.columns(['source', 'symbol', 'timeframe', 'horizon', 'state']).doUpdateSet({
        up: sql<number>`direction_counts.up + excluded.up`,
        down: sql<number>`direction_counts.down + excluded.down`,
      }),
    )
    .execute();
}
