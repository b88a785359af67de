import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import type { AlertCounters } from '../alert-ports.ts';
import { alertOf, type AlertRecord } from '../alert-records.ts';
import {
  leaseDueDeliveries,
  pendingDeliveries,
  settleDelivery,
  type Delivery,
  type DeliveryOutcome,
} from './webhook-repository.ts';
import { sendWebhook } from './webhook-sender.ts';

/** Deliveries leased per poll: a backlog after an outage drains in batches, not all at once. */
const BATCH = 20;
const MAX_BACKOFF_MS = 10 * 60_000;

export interface WebhookSettings {
  /** One attempt's deadline. */
  timeoutMs: number;
  /** Attempts per trigger, the first included. */
  attempts: number;
  /** Private and loopback targets allowed (ALERT_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** The wait after the first failure, doubled after each next one (default 2 s). */
  backoffMs?: number;
  /** How often due retries are looked for (default 2 s). */
  pollMs?: number;
}

export interface WebhookOutboxDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  counters: AlertCounters;
  settings: WebhookSettings;
  /** "BTC/USDT 1m: price crosses above 51,000.00", with the symbol's price precision. */
  describe(record: AlertRecord): string;
}

/**
 * Delivers triggers to their users' webhooks from an outbox in the database: a fresh trigger is sent
 * at once by the instance that recorded it; a failed attempt is due again after a backoff (2 s, 4 s,
 * 8 s… up to 10 minutes) and leased by whichever instance polls first, until it is sent or out of
 * attempts. A delivery whose instance died mid-way is due again when its lease runs out. Receivers
 * may see a delivery twice (an answer lost on the way back); its id says it is the same.
 */
export class WebhookOutbox {
  private readonly running = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private polling = false;
  private failing = false;

  constructor(private readonly deps: WebhookOutboxDeps) {}

  /** How long an attempt is reserved for the instance making it: its deadline and some. */
  get leaseMs(): number {
    return this.deps.settings.timeoutMs + 5_000;
  }

  start(): void {
    this.timer = setInterval(() => this.poll(), this.deps.settings.pollMs ?? 2_000);
    this.timer.unref();
  }

  /** Sends these triggers' first attempt, leased to this instance when they were recorded. */
  deliver(triggerIds: string[]): void {
    this.track(this.send(triggerIds));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .then(() => this.recovered())
      .catch((err: unknown) => this.failed(err))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  private poll(): void {
    if (this.polling) return;
    this.polling = true;
    const work = leaseDueDeliveries(this.deps.db, this.leaseMs, BATCH).then((ids) => this.send(ids));
    this.track(work.finally(() => (this.polling = false)));
  }

  private async send(triggerIds: string[]): Promise<void> {
    const deliveries = await pendingDeliveries(this.deps.db, triggerIds);
    await Promise.all(deliveries.map((d) => this.attempt(d)));
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { settings, clock, counters } = this.deps;
    let outcome: DeliveryOutcome;
    if (!delivery.webhook) {
      outcome = { sent: false, error: 'the webhook was removed' };
    } else {
      const result = await sendWebhook(
        {
          url: delivery.webhook.url,
          secret: delivery.webhook.secret,
          deliveryId: delivery.triggerId,
          body: JSON.stringify(this.payload(delivery)),
        },
        { timeoutMs: settings.timeoutMs, allowPrivate: settings.allowPrivate, now: clock() },
      );
      outcome = result.ok
        ? { sent: true }
        : delivery.attempt < settings.attempts
          ? { sent: false, error: result.error, retryInMs: this.backoff(delivery.attempt) }
          : { sent: false, error: result.error };
    }
    counters.webhooks(outcome.sent ? 'sent' : 'retryInMs' in outcome ? 'retry' : 'failed');
    if (!outcome.sent && !('retryInMs' in outcome))
      this.deps.logger.info(
        { trigger: delivery.triggerId, attempts: delivery.attempt, error: outcome.error },
        'alerts: gave up on a webhook delivery',
      );
    await settleDelivery(this.deps.db, delivery.triggerId, delivery.attempt, outcome);
  }

  /** What the receiver gets: the trigger as `alert:triggered` carries it, and the alert in words. */
  private payload(delivery: Delivery) {
    return {
      type: 'alert.triggered',
      id: delivery.triggerId,
      alert: alertOf(delivery.record),
      price: delivery.price,
      value: delivery.value,
      time: delivery.time,
      text: this.deps.describe(delivery.record),
    };
  }

  /** After attempt n failed: base · 2^(n−1), capped, ±20 % so a receiver's backlog does not return in step. */
  private backoff(attempt: number): number {
    const base = this.deps.settings.backoffMs ?? 2_000;
    return Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
  }

  private failed(err: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.deps.logger.warn({ err }, 'alerts: webhook deliveries cannot reach the database; retrying');
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.deps.logger.info('alerts: webhook deliveries are back');
  }
}
