import type { Kysely } from 'kysely';

/**
 * What the Bayesian direction model has learned per stream: for each discretised indicator state,
 * how often the close H candles later was higher or not. Updated in the transaction that scores a
 * forecast, so an outcome is counted exactly once, whichever instance scores it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('direction_counts')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('timeframe', 'text', (c) => c.notNull())
    .addColumn('horizon', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('down', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('direction_counts_pk', ['source', 'symbol', 'timeframe', 'horizon', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('direction_counts').execute();
}
