import type { Selectable } from 'kysely';
import type { Alert, AlertCondition, AlertTrigger } from '../../../shared/alerts.ts';
import type { Timeframe } from '../../../shared/market.ts';
import type { AlertsTable, AlertTriggersTable } from '../db/schema.ts';

/** An alert as stored: what the user sees, and what the instances need to agree on it. */
export interface AlertRecord extends Omit<Alert, 'state'> {
  userId: string;
  state: Alert['state'] | 'deleted';
  revision: number;
  version: number;
  /** A repeating alert's cooldown ends here (ms); null when it may fire. */
  rearmAt: number | null;
}

const ms = (date: Date | null) => (date === null ? null : date.getTime());

export function recordOf(row: Selectable<AlertsTable>): AlertRecord {
  return {
    id: row.id,
    userId: row.user_id,
    symbol: row.symbol,
    timeframe: row.timeframe as Timeframe,
    condition: row.condition as AlertCondition,
    repeat: row.repeats,
    cooldownSeconds: row.cooldown_seconds,
    note: row.note,
    state: row.state,
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
    lastTriggeredAt: ms(row.last_triggered_at),
    triggerCount: row.trigger_count,
    revision: row.revision,
    version: row.version,
    rearmAt: ms(row.rearm_at),
  };
}

/** What a client is shown of a record that is not deleted. */
export function alertOf(record: AlertRecord): Alert {
  const { userId: _u, revision: _r, version: _v, rearmAt: _a, state, ...alert } = record;
  return { ...alert, state: state === 'deleted' ? 'done' : state };
}

export function triggerOf(
  row: Pick<Selectable<AlertTriggersTable>, 'id' | 'alert_id' | 'price' | 'value' | 'fired_at' | 'seen_at'> &
    Pick<Selectable<AlertsTable>, 'symbol' | 'timeframe' | 'condition' | 'note'>,
): AlertTrigger {
  return {
    id: String(row.id),
    alertId: row.alert_id,
    symbol: row.symbol,
    timeframe: row.timeframe as Timeframe,
    condition: row.condition as AlertCondition,
    note: row.note,
    price: row.price,
    value: row.value,
    time: row.fired_at.getTime(),
    seen: row.seen_at !== null,
  };
}
