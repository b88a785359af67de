import type { Alert, AlertSeenEvent, AlertTriggeredEvent } from '../../../shared/alerts.ts';

/** Delivers alert events to every open tab of a user (a Socket.IO room, across instances). */
export interface AlertNotifier {
  triggered(userId: string, event: AlertTriggeredEvent): void;
  changed(userId: string, event: { alert: Alert }): void;
  deleted(userId: string, event: { id: string }): void;
  seen(userId: string, event: AlertSeenEvent): void;
}

/** How claims went, for the metrics: `lost` is a crossing another instance recorded first. */
export type ClaimOutcome = 'won' | 'lost';
/** How a webhook delivery went: `retry` failed and is tried again later, `failed` gave up. */
export type WebhookOutcome = 'sent' | 'retry' | 'failed';

export interface AlertCounters {
  claims(outcome: ClaimOutcome, n: number): void;
  webhooks(outcome: WebhookOutcome): void;
}
