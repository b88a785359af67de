import { sql, type Kysely } from 'kysely';

/**
 * Alerts, the triggers they leave, and each user's webhook.
 *
 * - `alerts.state`: `active` alerts are watched by every instance; `deleted` rows are tombstones, so
 *   the other instances learn of the deletion from their change feed (`changed_at`), pruned later.
 * - `revision` counts edits of what the alert watches: a trigger is claimed only for the revision
 *   the instance evaluated, so an instance that has not yet heard of an edit cannot fire the old one.
 *   `version` counts every write: which of two states of a row an instance heard of is the newer.
 * - `rearm_at`: a repeating alert cannot fire again before it; once-alerts go `done` instead. Both
 *   are set by the conditional UPDATE that claims a trigger, in the transaction that records it, so
 *   a crossing evaluated by several instances fires once.
 * - `changed_at` is the database's clock_timestamp() of every write (not the transaction's start,
 *   which two writers could record out of order): what each instance's change feed polls.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('timeframe', 'text', (c) => c.notNull())
    .addColumn('condition', 'jsonb', (c) => c.notNull())
    .addColumn('repeats', 'boolean', (c) => c.notNull())
    .addColumn('cooldown_seconds', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('active', 'paused', 'done', 'deleted')`),
    )
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('rearm_at', 'timestamptz')
    .addColumn('last_triggered_at', 'timestamptz')
    .addColumn('trigger_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  // A user's list and the per-user cap; also serves the cascade from users.
  await db.schema.createIndex('alerts_user_state').on('alerts').columns(['user_id', 'state']).execute();
  // The change feed every instance polls, and the load of active alerts at start.
  await db.schema.createIndex('alerts_changed_at').on('alerts').column('changed_at').execute();
  await db.schema
    .createIndex('alerts_active')
    .on('alerts')
    .column('id')
    .where(sql.ref('state'), '=', 'active')
    .execute();

  await db.schema
    .createTable('alert_triggers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('alert_id', 'uuid', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('price', 'double precision', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('fired_at', 'timestamptz', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz')
    // The webhook outbox: pending deliveries are retried with backoff until sent or out of attempts.
    .addColumn('webhook_state', 'text', (c) => c.check(sql`webhook_state in ('pending', 'sent', 'failed')`))
    .addColumn('webhook_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('webhook_next_at', 'timestamptz')
    .addColumn('webhook_error', 'text')
    .execute();
  // The history, newest first; the unseen count.
  await db.schema
    .createIndex('alert_triggers_user_id')
    .on('alert_triggers')
    .columns(['user_id', 'id desc'])
    .execute();
  await db.schema
    .createIndex('alert_triggers_unseen')
    .on('alert_triggers')
    .column('user_id')
    .where(sql.ref('seen_at'), 'is', null)
    .execute();
  await db.schema.createIndex('alert_triggers_alert_id').on('alert_triggers').column('alert_id').execute();
  await db.schema
    .createIndex('alert_triggers_webhook_due')
    .on('alert_triggers')
    .column('webhook_next_at')
    .where(sql.ref('webhook_state'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('alert_webhooks')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_webhooks').execute();
  await db.schema.dropTable('alert_triggers').execute();
  await db.schema.dropTable('alerts').execute();
}
