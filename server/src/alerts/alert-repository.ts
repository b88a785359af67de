import { sql, type Kysely, type Transaction } from 'kysely';
import type { AlertCondition, AlertTrigger } from '../../../shared/alerts.ts';
import type { Database } from '../db/schema.ts';
import { recordOf, triggerOf, type AlertRecord } from './alert-records.ts';

/** What an alert is made of, as the user set it (validated by the service). */
export interface AlertValues {
  symbol: string;
  timeframe: string;
  condition: AlertCondition;
  repeat: boolean;
  cooldownSeconds: number;
  note: string | null;
}

/** Alerts that count against the per-user cap: the ones set, watched or paused. */
const SET_STATES = ['active', 'paused'] as const;

/**
 * Serialises the writes of one user that the cap depends on (a row lock on the user), then says
 * whether one more alert fits: two tabs creating the 200th alert at once get one each, not two.
 */
async function roomForOneMore(trx: Transaction<Database>, userId: string, max: number): Promise<boolean> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
  const { n } = await trx
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('state', 'in', SET_STATES)
    .executeTakeFirstOrThrow();
  return Number(n) < max;
}

export function insertAlert(
  db: Kysely<Database>,
  userId: string,
  values: AlertValues,
  maxSet: number,
  now: Date,
): Promise<AlertRecord | 'limit'> {
  return db.transaction().execute(async (trx) => {
    if (!(await roomForOneMore(trx, userId, maxSet))) return 'limit';
    const row = await trx
      .insertInto('alerts')
      .values({
        user_id: userId,
        symbol: values.symbol,
        timeframe: values.timeframe,
        condition: JSON.stringify(values.condition),
        repeats: values.repeat,
        cooldown_seconds: values.cooldownSeconds,
        note: values.note,
        state: 'active',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return recordOf(row);
  });
}

/** An edit: new values, and the state it leaves the alert in. */
export interface AlertEdit {
  values: AlertValues;
  state: 'active' | 'paused' | 'done';
}

/**
 * Applies `edit` to the user's alert, if it is theirs and not deleted. What it watches changing, or
 * a done alert re-armed, is a new revision with no cooldown left: an instance still holding the old
 * one can no longer fire it.
 */
export function updateAlert(
  db: Kysely<Database>,
  userId: string,
  id: string,
  edit: (current: AlertRecord) => AlertEdit,
  maxSet: number,
  now: Date,
): Promise<AlertRecord | 'limit' | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('state', '<>', 'deleted')
      .forUpdate()
      .executeTakeFirst();
    if (!row) return undefined;
    const current = recordOf(row);
    const { values, state } = edit(current);
    const rearmed = current.state === 'done' && state !== 'done';
    if (rearmed && !(await roomForOneMore(trx, userId, maxSet))) return 'limit';
    const watchesOther =
      values.symbol !== current.symbol ||
      values.timeframe !== current.timeframe ||
      JSON.stringify(values.condition) !== JSON.stringify(current.condition);
    const renewed = watchesOther || rearmed;
    const updated = await trx
      .updateTable('alerts')
      .set({
        symbol: values.symbol,
        timeframe: values.timeframe,
        condition: JSON.stringify(values.condition),
        repeats: values.repeat,
        cooldown_seconds: values.cooldownSeconds,
        note: values.note,
        state,
        revision: renewed ? current.revision + 1 : current.revision,
        ...(renewed && { rearm_at: null }),
        version: sql<number>`version + 1`,
        changed_at: sql<Date>`clock_timestamp()`,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return recordOf(updated);
  });
}

/** Marks the user's alert deleted (a tombstone the other instances hear of); undefined if not theirs. */
export async function deleteAlert(
  db: Kysely<Database>,
  userId: string,
  id: string,
  now: Date,
): Promise<AlertRecord | undefined> {
  const row = await db
    .updateTable('alerts')
    .set({
      state: 'deleted',
      version: sql<number>`version + 1`,
      changed_at: sql<Date>`clock_timestamp()`,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('state', '<>', 'deleted')
    .returningAll()
    .executeTakeFirst();
  return row && recordOf(row);
}

export async function listAlerts(db: Kysely<Database>, userId: string): Promise<AlertRecord[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('user_id', '=', userId)
    .where('state', '<>', 'deleted')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(recordOf);
}

/** The user's latest triggers, newest first, with what their alerts watched (deleted ones too). */
export async function listHistory(
  db: Kysely<Database>,
  userId: string,
  limit: number,
): Promise<AlertTrigger[]> {
  const rows = await db
    .selectFrom('alert_triggers as t')
    .innerJoin('alerts as a', 'a.id', 't.alert_id')
    .select(['t.id', 't.alert_id', 't.price', 't.value', 't.fired_at', 't.seen_at'])
    .select(['a.symbol', 'a.timeframe', 'a.condition', 'a.note'])
    .where('t.user_id', '=', userId)
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(triggerOf);
}

export async function countUnseen(db: Kysely<Database>, userId: string): Promise<number> {
  const { n } = await db
    .selectFrom('alert_triggers')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('seen_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Marks the user's triggers `ids` (all of them when absent) seen; returns how many stay unseen. */
export async function markSeen(
  db: Kysely<Database>,
  userId: string,
  ids: readonly string[] | undefined,
  now: Date,
): Promise<number> {
  if (ids?.length !== 0) {
    let update = db
      .updateTable('alert_triggers')
      .set({ seen_at: now })
      .where('user_id', '=', userId)
      .where('seen_at', 'is', null);
    if (ids) update = update.where('id', 'in', ids);
    await update.execute();
  }
  return countUnseen(db, userId);
}

/** Every alert the instances watch: what one loads at start. */
export async function activeAlerts(db: Kysely<Database>): Promise<AlertRecord[]> {
  const rows = await db.selectFrom('alerts').selectAll().where('state', '=', 'active').execute();
  return rows.map(recordOf);
}

export async function alertsById(db: Kysely<Database>, ids: readonly string[]): Promise<AlertRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('alerts').selectAll().where('id', 'in', ids).execute();
  return rows.map(recordOf);
}

/** Alerts written at or after `since` (the database's clock), and the latest write among them. */
export async function alertsChangedSince(
  db: Kysely<Database>,
  since: Date,
): Promise<{ records: AlertRecord[]; latest: Date | undefined }> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('changed_at', '>=', since)
    .orderBy('changed_at')
    .execute();
  return { records: rows.map(recordOf), latest: rows.at(-1)?.changed_at };
}

/** The database's clock: what `changed_at` is written with, whatever this machine's says. */
export async function databaseNow(db: Kysely<Database>): Promise<Date> {
  const { now } = await sql<{ now: Date }>`select clock_timestamp() as now`
    .execute(db)
    .then((r) => r.rows[0]!);
  return new Date(now);
}

/** A crossing to record, for the revision of the alert that was evaluated. */
export interface Claim {
  id: string;
  revision: number;
  price: number;
  value: number | null;
}

export interface ClaimedTrigger {
  /** The alert as the claim left it: `done` for a once-alert, cooling down for a repeating one. */
  record: AlertRecord;
  triggerId: string;
  price: number;
  value: number | null;
  time: number;
  /** The user has a webhook: this trigger waits in its outbox, leased to the claiming instance. */
  webhook: boolean;
}

/**
 * Records the triggers of the alerts that may still fire, exactly once whoever else tries: one
 * conditional UPDATE marks each once-alert done, or starts each repeating alert's cooldown, only
 * while it is active, of the revision evaluated and not cooling down; the triggers of the rows it
 * changed are inserted in the same transaction. Another instance claiming the same crossing finds
 * the rows changed and records nothing. A trigger for a user with a webhook enters its outbox
 * leased for `webhookLeaseMs`, so the claiming instance delivers it first.
 */
export function claimTriggers(
  db: Kysely<Database>,
  claims: readonly Claim[],
  now: Date,
  webhookLeaseMs: number,
): Promise<ClaimedTrigger[]> {
  return db.transaction().execute(async (trx) => {
    const pairs = sql.join(claims.map((c) => sql`(${c.id}::uuid, ${c.revision}::integer)`));
    const won = await trx
      .updateTable('alerts')
      .set({
        state: sql<'active' | 'done'>`case when repeats then 'active' else 'done' end`,
        rearm_at: sql<Date | null>`case when repeats then ${now}::timestamptz + cooldown_seconds * interval '1 second' end`,
        last_triggered_at: now,
        trigger_count: sql<number>`trigger_count + 1`,
        version: sql<number>`version + 1`,
        changed_at: sql<Date>`clock_timestamp()`,
      })
      .where(sql<boolean>`(id, revision) in (${pairs})`)
      .where('state', '=', 'active')
      .where((eb) => eb.or([eb('rearm_at', 'is', null), eb('rearm_at', '<=', now)]))
      .returningAll()
      .execute();
    if (won.length === 0) return [];
    const users = [...new Set(won.map((r) => r.user_id))];
    const hooked = new Set(
      (await trx.selectFrom('alert_webhooks').select('user_id').where('user_id', 'in', users).execute()).map(
        (w) => w.user_id,
      ),
    );
    const byId = new Map(claims.map((c) => [c.id, c]));
    const lease = sql<Date>`clock_timestamp() + ${webhookLeaseMs} * interval '1 millisecond'`;
    const inserted = await trx
      .insertInto('alert_triggers')
      .values(
        won.map((row) => {
          const claim = byId.get(row.id)!;
          const webhook = hooked.has(row.user_id);
          return {
            alert_id: row.id,
            user_id: row.user_id,
            price: claim.price,
            value: claim.value,
            fired_at: now,
            ...(webhook && {
              webhook_state: 'pending' as const,
              webhook_attempts: 1,
              webhook_next_at: lease,
            }),
          };
        }),
      )
      .returning(['id', 'alert_id'])
      .execute();
    const triggerOfAlert = new Map(inserted.map((t) => [t.alert_id, String(t.id)]));
    return won.map((row) => {
      const claim = byId.get(row.id)!;
      return {
        record: recordOf(row),
        triggerId: triggerOfAlert.get(row.id)!,
        price: claim.price,
        value: claim.value,
        time: now.getTime(),
        webhook: hooked.has(row.user_id),
      };
    });
  });
}

const DAY_MS = 86_400_000;
/** Triggers and fired once-alerts are kept this long; tombstones of deleted alerts a month. */
export const HISTORY_KEPT_MS = 90 * DAY_MS;
const TOMBSTONES_KEPT_MS = 30 * DAY_MS;

/** Removes what is past keeping; idempotent, so every instance may run it. */
export async function pruneAlerts(db: Kysely<Database>, now: Date): Promise<void> {
  const historyEnd = new Date(now.getTime() - HISTORY_KEPT_MS);
  await db.deleteFrom('alert_triggers').where('fired_at', '<', historyEnd).execute();
  await db
    .deleteFrom('alerts')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('state', '=', 'deleted'),
          eb('updated_at', '<', new Date(now.getTime() - TOMBSTONES_KEPT_MS)),
        ]),
        eb.and([
          eb('state', '=', 'done'),
          eb('updated_at', '<', historyEnd),
          eb('last_triggered_at', '<', historyEnd),
        ]),
      ]),
    )
    .execute();
}
