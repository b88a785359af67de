import { afterAll, describe, expect, it } from 'vitest';
import type { AlertList } from '../../../shared/alerts.ts';
import { ScriptedMarket } from '../../../scripts/bench/scripted-market.ts';
import { Browser } from '../support/accounts.ts';
import { openAlertTab, type AlertTab } from '../support/alert-tab.ts';
import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  type DatabaseLocation,
} from '../support/database-backends.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep, waitFor } from '../support/wait.ts';

const BTC = 'BTC/USDT';
const accounts = { sessionSecret: 'a-fixed-test-secret-that-is-long-enough-0123456789' };

/** A restart loses no alert and fires none twice: once-alerts stay done, cooldowns hold. */
function describeRestart({ name, skip, create }: DatabaseBackend) {
  describe.skipIf(skip)(`alerts across a restart on ${name}`, () => {
    const time = { now: Date.now() };
    const clock = () => time.now;
    const market = new ScriptedMarket({ [BTC]: 50_000 }, clock);
    let location: DatabaseLocation | undefined;
    let app: TestApp | undefined;
    let tab: AlertTab | undefined;
    afterAll(async () => {
      tab?.close();
      await app?.close();
      await location?.drop();
    });
    const start = () => startTestApp({ openDatabase: location!.open, accounts, source: market, clock });

    it('keeps every alert, fires what had not fired, and nothing that had', async () => {
      location = await create();
      app = await start();
      const browser = new Browser(app.url);
      await browser.register();
      tab = await openAlertTab(browser);
      market.tick(BTC, 50_000);
      const condition = { kind: 'price', op: 'above', value: 50_100 } as const;
      const once = await tab.create({ symbol: BTC, timeframe: '1m', condition });
      const repeating = await tab.create({
        symbol: BTC,
        timeframe: '1m',
        condition,
        repeat: true,
        cooldownSeconds: 3_600,
      });
      const later = await tab.create({
        symbol: BTC,
        timeframe: '1m',
        condition: { ...condition, value: 51_000 },
      });
      await app.app.alerts.ready();
      market.tick(BTC, 50_150);
      await waitFor(() => tab!.triggered.length === 2, 'the two alerts at 50,100');
      tab.close();
      await app.close();

      time.now += 60_000; // a minute later: inside the repeating alert's hour of cooldown
      app = await start();
      await app.app.alerts.ready();
      const back = browser.at(app.url);
      tab = await openAlertTab(back);
      for (const price of [50_000, 50_200, 50_050, 51_050]) market.tick(BTC, price);
      await waitFor(() => tab!.triggered.length > 0, 'the alert that had not fired');
      await sleep(300);
      expect(tab.triggered.map((e) => e.alert.id)).toEqual([later.id]);

      const { body } = await back.json<AlertList>('GET', '/api/alerts');
      const counts = Object.fromEntries(body.alerts.map((a) => [a.id, [a.state, a.triggerCount]]));
      expect(counts).toEqual({
        [once.id]: ['done', 1],
        [repeating.id]: ['active', 1],
        [later.id]: ['done', 1],
      });
      expect(body.history.map((t) => t.alertId).sort()).toEqual([once.id, repeating.id, later.id].sort());
      expect(body.unseen).toBe(3);
    }, 120_000); // two cold starts of the whole server
  });
}

for (const backend of DATABASE_BACKENDS) describeRestart(backend);
