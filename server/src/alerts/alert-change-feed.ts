import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import { activeAlerts, alertsChangedSince, databaseNow, pruneAlerts } from './alert-repository.ts';
import type { AlertWatcher } from './alert-watcher.ts';

/**
 * Rows are read again this long after their write: a write's `changed_at` is stamped before its
 * transaction commits, so one may become visible after a poll that already looked past its stamp.
 */
const OVERLAP_MS = 10_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface AlertChangeFeedDeps {
  db: Kysely<Database>;
  watcher: AlertWatcher;
  clock: Clock;
  logger: Logger;
  /** How often the database is asked what changed (default 1 s). */
  intervalMs?: number;
}

/**
 * Keeps the watcher in step with the database: every active alert at start, then, once a second,
 * every alert written since (by any instance: created, edited, fired, deleted). A write on this
 * instance reaches its watcher at once; another instance's within about a second. It also prunes
 * old history, once an hour.
 */
export class AlertChangeFeed {
  private cursor?: Date;
  /** The database's clock minus this machine's, measured at load and at each pruning. */
  private skewMs = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failing = false;
  private prunedAt: number;
  private polling?: Promise<void>;

  constructor(private readonly deps: AlertChangeFeedDeps) {
    // Pruned an hour after start, not at once: a start has enough to do.
    this.prunedAt = deps.clock();
  }

  /** Starts; resolves once the active alerts are in the watcher (the database is tried until it answers). */
  start(): Promise<void> {
    return this.load();
  }

  /** Stops polling and waits for a poll under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }

  private async load(): Promise<void> {
    while (!this.stopped) {
      try {
        // Read first: whatever is written during the load is then in the first poll.
        const loadedAt = await this.databaseNow();
        for (const record of await activeAlerts(this.deps.db)) this.deps.watcher.apply(record);
        this.cursor = new Date(loadedAt - OVERLAP_MS);
        this.recovered();
        this.schedule();
        return;
      } catch (err) {
        this.failed(err);
        await new Promise((resolve) => setTimeout(resolve, this.intervalMs * 5).unref());
      }
    }
  }

  private get intervalMs(): number {
    return this.deps.intervalMs ?? 1_000;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const { db, watcher } = this.deps;
    try {
      // The database's time of this poll, from this machine's clock: one query a second, not two.
      const polledAt = Date.now() + this.skewMs;
      const { records } = await alertsChangedSince(db, this.cursor!);
      for (const record of records) watcher.apply(record);
      this.cursor = new Date(polledAt - OVERLAP_MS);
      watcher.sweep();
      this.recovered();
      await this.pruneNowAndThen();
    } catch (err) {
      this.failed(err);
    }
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = this.deps.clock();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    await pruneAlerts(this.deps.db, new Date(now));
    await this.databaseNow();
  }

  /** The database's clock (what `changed_at` is stamped with), noting how far it is from this machine's. */
  private async databaseNow(): Promise<number> {
    const before = Date.now();
    const at = (await databaseNow(this.deps.db)).getTime();
    this.skewMs = at - (before + Date.now()) / 2;
    return at;
  }

  /** An outage is said once when it starts and once when it ends, not once a second. */
  private failed(err: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.deps.logger.warn({ err }, 'alerts: cannot read alert changes from the database; retrying');
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.deps.logger.info('alerts: reading alert changes again');
  }
}
