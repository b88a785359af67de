import type {
  Alert,
  AlertCreateRequest,
  AlertSeenEvent,
  AlertTriggeredEvent,
} from '../../../shared/alerts.ts';
import type { Browser } from './accounts.ts';
import { TestClient } from './socket-client.ts';

/** A browser tab (a socket with the browser's cookie) recording every alert event it is pushed. */
export class AlertTab extends TestClient {
  readonly triggered: AlertTriggeredEvent[] = [];
  readonly changed: Alert[] = [];
  readonly deleted: string[] = [];
  readonly seen: AlertSeenEvent[] = [];

  constructor(url: string, cookie: string | undefined) {
    super(url, cookie ? { extraHeaders: { cookie } } : {});
    this.socket.on('alert:triggered', (e) => this.triggered.push(e));
    this.socket.on('alert:changed', (e) => this.changed.push(e.alert));
    this.socket.on('alert:deleted', (e) => this.deleted.push(e.id));
    this.socket.on('alert:seen', (e) => this.seen.push(e));
  }

  /** Creates an alert and returns it, failing the test on a refusal. */
  async create(request: AlertCreateRequest): Promise<Alert> {
    const ack = await this.request<{ alert: Alert }>('alert:create', request);
    if (!ack.ok) throw new Error(`alert:create refused: ${ack.error.code} ${ack.error.message}`);
    return ack.data.alert;
  }
}

/**
 * Opens a tab of `browser` on its server. A signed-in socket joins its user's room once the server
 * has confirmed the session, asynchronously: a first request waits for that.
 */
export async function openAlertTab(browser: Browser): Promise<AlertTab> {
  const tab = new AlertTab(browser.url, browser.cookie);
  await tab.connected();
  if (browser.cookie) await tab.request('alert:list', {});
  return tab;
}
