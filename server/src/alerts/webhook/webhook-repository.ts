import { sql, type Kysely } from 'kysely';
import type { AlertWebhook } from '../../../../shared/alerts.ts';
import type { Database } from '../../db/schema.ts';
import { recordOf, type AlertRecord } from '../alert-records.ts';

export async function findWebhook(db: Kysely<Database>, userId: string): Promise<AlertWebhook | undefined> {
  const row = await db
    .selectFrom('alert_webhooks')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && { url: row.url, secret: row.secret, createdAt: row.created_at.getTime() };
}

/** Sets the user's webhook, replacing the one before (and its secret). */
export async function saveWebhook(
  db: Kysely<Database>,
  userId: string,
  url: string,
  secret: string,
  now: Date,
): Promise<AlertWebhook> {
  await db
    .insertInto('alert_webhooks')
    .values({ user_id: userId, url, secret, created_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ url, secret, created_at: now }))
    .execute();
  return { url, secret, createdAt: now.getTime() };
}

export async function deleteWebhook(db: Kysely<Database>, userId: string): Promise<boolean> {
  const { numDeletedRows } = await db
    .deleteFrom('alert_webhooks')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return numDeletedRows > 0n;
}

/** One pending delivery under this instance's lease: `attempt` is the lease (the attempt's number). */
export interface Delivery {
  triggerId: string;
  attempt: number;
  /** Null when the user removed the webhook since. */
  webhook: { url: string; secret: string } | null;
  record: AlertRecord;
  price: number;
  value: number | null;
  time: number;
}

/** The pending deliveries among `triggerIds`, with what to send and where. */
export async function pendingDeliveries(
  db: Kysely<Database>,
  triggerIds: readonly string[],
): Promise<Delivery[]> {
  if (triggerIds.length === 0) return [];
  const rows = await db
    .selectFrom('alert_triggers as t')
    .innerJoin('alerts as a', 'a.id', 't.alert_id')
    .leftJoin('alert_webhooks as w', 'w.user_id', 't.user_id')
    .selectAll('a')
    .select([
      't.id as trigger_id',
      't.webhook_attempts',
      't.price',
      't.value',
      't.fired_at',
      'w.url as webhook_url',
      'w.secret as webhook_secret',
    ])
    .where('t.id', 'in', triggerIds)
    .where('t.webhook_state', '=', 'pending')
    .execute();
  return rows.map((row) => ({
    triggerId: String(row.trigger_id),
    attempt: row.webhook_attempts,
    webhook:
      row.webhook_url && row.webhook_secret ? { url: row.webhook_url, secret: row.webhook_secret } : null,
    record: recordOf(row),
    price: row.price,
    value: row.value,
    time: row.fired_at.getTime(),
  }));
}

/**
 * Leases up to `limit` deliveries that are due (a retry whose wait is over, or a first attempt whose
 * instance died before settling it) for `leaseMs`, counting the attempt. Rows another instance is
 * leasing at the same moment are skipped, not waited for.
 */
export async function leaseDueDeliveries(
  db: Kysely<Database>,
  leaseMs: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .updateTable('alert_triggers')
    .set({
      webhook_attempts: sql<number>`webhook_attempts + 1`,
      webhook_next_at: sql<Date>`clock_timestamp() + ${leaseMs} * interval '1 millisecond'`,
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('alert_triggers')
        .select('id')
        .where('webhook_state', '=', 'pending')
        .where('webhook_next_at', '<=', sql<Date>`clock_timestamp()`)
        .orderBy('webhook_next_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning('id')
    .execute();
  return rows.map((r) => String(r.id));
}

export type DeliveryOutcome = { sent: true } | { sent: false; error: string; retryInMs?: number };

/**
 * Records how an attempt went, if the lease is still this instance's (no later attempt began):
 * sent; failed for good; or due again in `retryInMs`.
 */
export async function settleDelivery(
  db: Kysely<Database>,
  triggerId: string,
  attempt: number,
  outcome: DeliveryOutcome,
): Promise<void> {
  await db
    .updateTable('alert_triggers')
    .set(
      outcome.sent
        ? { webhook_state: 'sent', webhook_next_at: null, webhook_error: null }
        : outcome.retryInMs === undefined
          ? { webhook_state: 'failed', webhook_next_at: null, webhook_error: outcome.error }
          : {
              webhook_next_at: sql<Date>`clock_timestamp() + ${outcome.retryInMs} * interval '1 millisecond'`,
              webhook_error: outcome.error,
            },
    )
    .where('id', '=', triggerId)
    .where('webhook_state', '=', 'pending')
    .where('webhook_attempts', '=', attempt)
    .execute();
}
