import type { RequestHandler, Router } from 'express';
import type { Kysely } from 'kysely';
import { AlertChangeFeed } from '../alerts/alert-change-feed.ts';
import { AlertClaims } from '../alerts/alert-claims.ts';
import type { AlertCounters } from '../alerts/alert-ports.ts';
import { AlertService } from '../alerts/alert-service.ts';
import type { AlertWatcher } from '../alerts/alert-watcher.ts';
import { WebhookOutbox, type WebhookSettings } from '../alerts/webhook/webhook-outbox.ts';
import type { Database } from '../db/schema.ts';
import { alertRoutes } from '../http/routes/alerts.ts';
import type { Clock } from '../kernel/clock.ts';
import type { InFlightWork } from '../kernel/in-flight-work.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Metrics } from '../kernel/metrics.ts';
import type { MarketService } from '../market/market-service.ts';
import { attachAlertSocket, socketAlertNotifier } from '../realtime/alert-socket.ts';
import type { SocketAuthDeps } from '../realtime/socket-auth.ts';
import type { TypedServer } from '../realtime/socket-server.ts';
import type { StreamHub } from '../streams/stream-hub.ts';

export interface AlertsOptions {
  /** ALERTS_MAX_PER_USER (default 200). */
  maxPerUser?: number;
  /** ALERT_WEBHOOK_* (defaults: 5 s, 8 attempts, public addresses only). */
  webhook?: Partial<WebhookSettings>;
  /** How often each instance reads what changed in the alerts table (default 1 s). */
  changeFeedMs?: number;
}

export const DEFAULT_ALERTS_PER_USER = 200;
const DEFAULT_WEBHOOK: WebhookSettings = { timeoutMs: 5_000, attempts: 8, allowPrivate: false };

export interface Alerts {
  /** What the transports and the chat use: create, update, remove, list, markSeen, the webhook. */
  service: AlertService;
  routes: Router;
  /**
   * Settles once the stored alerts are loaded and every stream with alerts is open (or failed to
   * open, and is retried): from then on a crossing is seen.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Alerts, evaluated on this instance's stream hub (the watcher observes what the hub publishes and
 * was made before it), recorded once across instances in the database, delivered to the user's tabs
 * through their room and to their webhook from an outbox.
 */
export function createAlerts(deps: {
  db: Kysely<Database>;
  watcher: AlertWatcher;
  hub: StreamHub;
  market: MarketService;
  io: TypedServer;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  sockets: SocketAuthDeps;
  session: RequestHandler;
  inFlight: InFlightWork;
  options?: AlertsOptions;
}): Alerts {
  const { db, watcher, clock, logger } = deps;
  const options = deps.options ?? {};
  const notify = socketAlertNotifier(deps.io);
  const counters: AlertCounters = {
    claims: (outcome, n) => deps.metrics.alertClaims.inc({ outcome }, n),
    webhooks: (outcome) => deps.metrics.alertWebhookDeliveries.inc({ outcome }),
  };
  const webhook = { ...DEFAULT_WEBHOOK, ...options.webhook };
  const service = new AlertService({
    db,
    market: deps.market,
    clock,
    notify,
    onWritten: (record) => watcher.apply(record),
    maxPerUser: options.maxPerUser ?? DEFAULT_ALERTS_PER_USER,
    allowPrivateWebhooks: webhook.allowPrivate,
  });
  const outbox = new WebhookOutbox({
    db,
    clock,
    logger,
    counters,
    settings: webhook,
    describe: (record) => service.describe(record),
  });
  const claims = new AlertClaims({
    db,
    watcher,
    notify,
    counters,
    logger,
    deliver: (ids) => outbox.deliver(ids),
    webhookLeaseMs: outbox.leaseMs,
  });
  watcher.attach({ hub: deps.hub, onCrossed: (crossings, now) => claims.claim(crossings, now) });
  const feed = new AlertChangeFeed({ db, watcher, clock, logger, intervalMs: options.changeFeedMs });
  attachAlertSocket(deps.io, service, { auth: deps.sockets, logger, inFlight: deps.inFlight });
  outbox.start();
  const loaded = feed.start();

  return {
    service,
    routes: alertRoutes(service, deps.session),
    ready: () => loaded.then(() => watcher.whenSeeded()),
    async close() {
      await feed.stop();
      watcher.close();
      await claims.close();
      await outbox.close();
    },
  };
}
