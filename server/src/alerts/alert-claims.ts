import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../kernel/logger.ts';
import type { AlertCounters, AlertNotifier } from './alert-ports.ts';
import { alertOf } from './alert-records.ts';
import { alertsById, claimTriggers, type ClaimedTrigger } from './alert-repository.ts';
import type { AlertWatcher } from './alert-watcher.ts';
import type { Crossed } from './stream-alerts.ts';

/**
 * Waits before each new try of a claim the database refused (an outage, a restart): a crossing is
 * recorded late rather than lost, at the time it happened. Past the last, this instance gives up on
 * it (another instance may have recorded it).
 */
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000];

export interface AlertClaimsDeps {
  db: Kysely<Database>;
  watcher: AlertWatcher;
  notify: AlertNotifier;
  counters: AlertCounters;
  logger: Logger;
  /** Hands the triggers waiting in a webhook outbox to the delivery, which sends them at once. */
  deliver(triggerIds: string[]): void;
  /** How long a fresh trigger's webhook delivery is reserved for this instance. */
  webhookLeaseMs: number;
}

/**
 * Turns crossings into triggers: claims them in the database (once across every instance), tells
 * the users' tabs, hands webhooks on, and brings the watcher up to date with what the claims did,
 * or, for the ones another instance claimed first, with what the database now says.
 */
export class AlertClaims {
  private readonly running = new Set<Promise<void>>();
  /** Cuts the waits between tries short at shutdown: what is not recorded by then is given up. */
  private readonly closing = new AbortController();

  constructor(private readonly deps: AlertClaimsDeps) {}

  claim(crossings: Crossed[], now: number): void {
    const work = this.run(crossings, now).finally(() => this.running.delete(work));
    this.running.add(work);
  }

  /** Stops retrying and settles once every claim under way has (before the database closes). */
  async close(): Promise<void> {
    this.closing.abort();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(crossings: Crossed[], now: number): Promise<void> {
    const { deps } = this;
    const claimed = await this.record(crossings, now);
    for (const c of crossings) c.alert.claiming = false;
    if (claimed === undefined) return;
    for (const t of claimed) {
      deps.watcher.apply(t.record);
      deps.notify.triggered(t.record.userId, {
        id: t.triggerId,
        alert: alertOf(t.record),
        price: t.price,
        value: t.value,
        time: t.time,
      });
    }
    const hooked = claimed.filter((t) => t.webhook).map((t) => t.triggerId);
    if (hooked.length > 0) deps.deliver(hooked);
    const won = new Set(claimed.map((t) => t.record.id));
    const lost = crossings.filter((c) => !won.has(c.alert.id)).map((c) => c.alert.id);
    deps.counters.claims('won', claimed.length);
    deps.counters.claims('lost', lost.length);
    if (lost.length > 0) await this.refresh(lost);
  }

  private async record(crossings: Crossed[], now: number): Promise<ClaimedTrigger[] | undefined> {
    const claims = crossings.map(({ alert, price, value }) => ({
      id: alert.id,
      revision: alert.revision,
      price,
      value,
    }));
    for (let attempt = 0; ; attempt++) {
      try {
        return await claimTriggers(this.deps.db, claims, new Date(now), this.deps.webhookLeaseMs);
      } catch (err) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || this.closing.signal.aborted) {
          this.deps.logger.error(
            { err, alerts: claims.map((c) => c.id) },
            'alerts: could not record triggers',
          );
          return undefined;
        }
        this.deps.logger.warn({ err, retryInMs: delay }, 'alerts: could not record triggers; retrying');
        await sleep(delay, undefined, { signal: this.closing.signal }).catch(() => undefined);
      }
    }
  }

  /** Alerts another instance fired first (or changed): take in their state as stored. */
  private async refresh(ids: string[]): Promise<void> {
    try {
      const records = await alertsById(this.deps.db, ids);
      for (const record of records) this.deps.watcher.apply(record);
      const found = new Set(records.map((r) => r.id));
      for (const id of ids) if (!found.has(id)) this.deps.watcher.remove(id);
    } catch (err) {
      // The change feed brings the same news within a second or two.
      this.deps.logger.debug({ err }, 'alerts: could not refresh alerts after a lost claim');
    }
  }
}
