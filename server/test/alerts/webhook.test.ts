import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertWebhook } from '../../../shared/alerts.ts';
import { ScriptedMarket } from '../../../scripts/bench/scripted-market.ts';
import { Browser } from '../support/accounts.ts';
import { openAlertTab, type AlertTab } from '../support/alert-tab.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep, waitFor } from '../support/wait.ts';

const BTC = 'BTC/USDT';
const ATTEMPTS = 4;

/** A bot's endpoint: answers each delivery with the next status of its script (the last one after that). */
class Receiver {
  readonly deliveries: Array<{ headers: IncomingHttpHeaders; body: string; at: number }> = [];
  statuses: number[] = [200];
  private server?: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.deliveries.push({ headers: req.headers, body, at: Date.now() });
        res.writeHead(this.statuses.length > 1 ? this.statuses.shift()! : this.statuses[0]!).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/trendscope`;
  }

  close() {
    return new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** What a receiver does with a delivery: recompute the signature over the raw body with its secret. */
function verify(delivery: { headers: IncomingHttpHeaders; body: string }, secret: string): boolean {
  const header = String(delivery.headers['x-trendscope-signature']);
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
  return v1 === createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex');
}

describe('alert webhooks', () => {
  const market = new ScriptedMarket({ [BTC]: 50_000 }, Date.now);
  const receiver = new Receiver();
  let app: TestApp;
  let tab: AlertTab;
  let browser: Browser;
  let webhook: AlertWebhook;

  beforeAll(async () => {
    await receiver.start();
    app = await startTestApp({
      source: market,
      clock: Date.now,
      // The receiver is on loopback; the defaults refuse it (guards.test.ts and the unit tests).
      alerts: {
        webhook: { allowPrivate: true, attempts: ATTEMPTS, backoffMs: 100, pollMs: 50, timeoutMs: 2_000 },
      },
    });
    browser = new Browser(app.url);
    await browser.register();
    tab = await openAlertTab(browser);
    const set = await browser.json<{ webhook: AlertWebhook }>('PUT', '/api/alerts/webhook', {
      url: receiver.url,
    });
    expect(set.status).toBe(200);
    webhook = set.body.webhook;
  });
  afterAll(async () => {
    tab?.close();
    await app?.close();
    await receiver.close();
  });

  const fire = async (level: number) => {
    market.tick(BTC, level - 50);
    const alert = await tab.create({
      symbol: BTC,
      timeframe: '1m',
      condition: { kind: 'price', op: 'above', value: level },
    });
    await app.app.alerts.ready();
    market.tick(BTC, level + 50);
    await waitFor(() => tab.triggered.some((e) => e.alert.id === alert.id), 'the trigger');
    return tab.triggered.find((e) => e.alert.id === alert.id)!;
  };
  const outbox = (triggerId: string) =>
    app.database.db
      .selectFrom('alert_triggers')
      .select(['webhook_state', 'webhook_attempts', 'webhook_error'])
      .where('id', '=', triggerId)
      .executeTakeFirstOrThrow();

  it('gives the user a signing secret, and shows the webhook to them only', async () => {
    expect(webhook).toEqual({
      url: receiver.url,
      secret: expect.stringMatching(/^whsec_[\w-]{32}$/),
      createdAt: expect.any(Number),
    });
    expect((await browser.json('GET', '/api/alerts/webhook')).body).toEqual({ webhook });
    const other = new Browser(app.url);
    await other.register();
    expect((await other.json('GET', '/api/alerts/webhook')).body).toEqual({ webhook: null });
    expect((await other.request('DELETE', '/api/alerts/webhook')).status).toBe(404);
  });

  it('delivers a trigger signed, retries failures with growing waits, and stops once it is answered', async () => {
    receiver.deliveries.length = 0;
    receiver.statuses = [500, 503, 200];
    const trigger = await fire(50_100);
    await waitFor(() => receiver.deliveries.length === 3, 'three attempts');
    await waitFor(
      async () => (await outbox(trigger.id)).webhook_state === 'sent',
      'the delivery marked sent',
    );
    await sleep(500);
    expect(receiver.deliveries).toHaveLength(3);
    for (const delivery of receiver.deliveries) {
      expect(verify(delivery, webhook.secret)).toBe(true);
      expect(delivery.headers['x-trendscope-delivery']).toBe(trigger.id);
      expect(JSON.parse(delivery.body)).toEqual({
        type: 'alert.triggered',
        id: trigger.id,
        alert: trigger.alert,
        price: 50_150,
        value: null,
        time: trigger.time,
        text: 'BTC/USDT 1m: price crosses above 50,100.00',
      });
    }
    const [first, second, third] = receiver.deliveries.map((d) => d.at) as [number, number, number];
    // Backoff 100 ms then about 200 ms (±20 %), each picked up by a poll every 50 ms.
    expect(second - first).toBeGreaterThanOrEqual(80);
    expect(third - second).toBeGreaterThan(second - first - 40);
    expect(
      verify(
        { ...receiver.deliveries[0]!, body: receiver.deliveries[0]!.body.replace('50150', '50151') },
        webhook.secret,
      ),
    ).toBe(false);
    expect(await outbox(trigger.id)).toEqual({
      webhook_state: 'sent',
      webhook_attempts: 3,
      webhook_error: null,
    });
  });

  it('gives up after the last attempt and says why', async () => {
    receiver.deliveries.length = 0;
    receiver.statuses = [500];
    const trigger = await fire(50_300);
    await waitFor(async () => (await outbox(trigger.id)).webhook_state === 'failed', 'the delivery given up');
    await sleep(500);
    expect(receiver.deliveries).toHaveLength(ATTEMPTS);
    expect(await outbox(trigger.id)).toEqual({
      webhook_state: 'failed',
      webhook_attempts: ATTEMPTS,
      webhook_error: 'answered HTTP 500',
    });
  });

  it('sends nothing once the webhook is removed', async () => {
    expect((await browser.request('DELETE', '/api/alerts/webhook')).status).toBe(204);
    receiver.deliveries.length = 0;
    const trigger = await fire(50_500);
    await sleep(500);
    expect(receiver.deliveries).toEqual([]);
    expect((await outbox(trigger.id)).webhook_state).toBeNull();
  });
});
