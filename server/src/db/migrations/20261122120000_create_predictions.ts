import { sql, type Kysely } from 'kysely';

/** Issued forecasts and, once their horizon has passed, how they scored. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('predictions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('timeframe', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('horizon', 'integer', (c) => c.notNull())
    .addColumn('last_candle_time', 'timestamptz', (c) => c.notNull())
    .addColumn('target_time', 'timestamptz', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('score', 'jsonb')
    .addColumn('scored_at', 'timestamptz')
    // One forecast per stream, model and input candle: a second instance or a restart cannot issue it twice.
    .addUniqueConstraint('predictions_once_per_input', [
      'source',
      'symbol',
      'timeframe',
      'model',
      'last_candle_time',
    ])
    .execute();
  await db.schema
    .createIndex('predictions_pending')
    .on('predictions')
    .columns(['target_time'])
    .where(sql.ref('scored_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('predictions_scorecard')
    .on('predictions')
    .columns(['source', 'symbol', 'timeframe', 'model', 'scored_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('predictions').execute();
}
