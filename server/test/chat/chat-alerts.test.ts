import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertList } from '../../../shared/alerts.ts';
import type { ChatSendResult } from '../../../shared/chat.ts';
import { ScriptedMarket } from '../../../scripts/bench/scripted-market.ts';
import { Browser, type ChatClient } from '../support/accounts.ts';
import { openAlertTab, type AlertTab } from '../support/alert-tab.ts';
import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  type DatabaseLocation,
} from '../support/database-backends.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { waitFor } from '../support/wait.ts';

const BTC = 'BTC/USDT';
const ETH = 'ETH/USDT';

/** One signed-in user with a chat socket and an alerts tab, as two tabs of one browser. */
interface Trader {
  browser: Browser;
  chat: ChatClient;
  tab: AlertTab;
}

/**
 * Alerts set, listed and deleted by asking the chat, end to end: a real server on a random port
 * (PGlite, a scripted market whose prices the test moves), signed-in socket.io clients asking
 * `chat:send`, and the alerts read back the ways the alerts panel reads them (`alert:list`, GET
 * /api/alerts). Another user's alerts sit beside them throughout and must come out untouched.
 */
function describeChatAlerts({ name, skip, create }: DatabaseBackend) {
  describe.skipIf(skip)(`alerts from the chat on ${name}`, () => {
    const time = { now: Date.now() };
    const clock = () => time.now;
    const market = new ScriptedMarket({ [BTC]: 50_000, [ETH]: 3_000 }, clock);
    const opened: Array<{ close(): void }> = [];
    let app: TestApp;
    let alice: Trader;
    let bob: Trader;
    let bobsAlert: Alert;
    let location: DatabaseLocation;

    const signUp = async (): Promise<Trader> => {
      const browser = new Browser(app.url);
      await browser.register();
      const trader = { browser, chat: await browser.socket(), tab: await openAlertTab(browser) };
      opened.push(trader.chat, trader.tab);
      return trader;
    };
    /** Asks the chat; the answer's text, failing the test on a refused send. */
    const ask = async (who: Trader, text: string): Promise<ChatSendResult['message']> => {
      const ack = await who.chat.request<ChatSendResult>('chat:send', { text });
      if (!ack.ok) throw new Error(`chat:send refused: ${ack.error.code} ${ack.error.message}`);
      return ack.data.message;
    };
    const socketList = async (who: Trader) => {
      const ack = await who.tab.request<AlertList>('alert:list', {});
      if (!ack.ok) throw new Error(ack.error.message);
      return ack.data.alerts;
    };
    const httpList = async (who: Trader) => {
      const res = await who.browser.json<AlertList>('GET', '/api/alerts');
      expect(res.status).toBe(200);
      return res.body.alerts;
    };

    beforeAll(async () => {
      location = await create();
      app = await startTestApp({
        source: market,
        clock,
        openDatabase: () => location.open(),
        alerts: { changeFeedMs: 100 },
      });
      alice = await signUp();
      bob = await signUp();
      bobsAlert = await bob.tab.create({
        symbol: BTC,
        timeframe: '1m',
        condition: { kind: 'price', op: 'above', value: 60_000 },
      });
    });
    afterAll(async () => {
      for (const o of opened) o.close();
      await app?.close();
      await location?.drop();
    });

    it('sets a once price alert from "alert me when BTC goes above 51000", seen by alert:list and GET /api/alerts', async () => {
      const answer = await ask(alice, 'alert me when BTC goes above 51000');
      expect(answer.text).toContain('Alert set: BTC/USDT 1m: price crosses above 51,000.00, once');
      expect(answer.text).toContain('BTC/USDT is at 50,000.00 now; 51,000.00 is +2.00% away');
      expect(answer.payload?.figures[0]).toMatchObject({ label: 'Last price', raw: 50_000 });
      expect(answer.payload?.figures[0]!.asOf).toBeLessThanOrEqual(time.now);

      const expected = {
        symbol: BTC,
        timeframe: '1m',
        condition: { kind: 'price', op: 'above', value: 51_000 },
        repeat: false,
        state: 'active',
      };
      expect(await socketList(alice)).toMatchObject([expected]);
      expect(await httpList(alice)).toMatchObject([expected]);
      // The alerts panel of every tab hears of it, as if it had been set there.
      await waitFor(() => alice.tab.changed.some((a) => a.condition.kind === 'price'), 'alert:changed');
    });

    it('sets RSI, move and "crosses" alerts as asked, and says when it already has one', async () => {
      const rsi = await ask(alice, 'tell me if ETH RSI on 15m drops below 30');
      expect(rsi.text).toContain('Alert set: ETH/USDT 15m: RSI 14 crosses below 30');
      const move = await ask(alice, 'alert me if ETH drops 5%');
      expect(move.text).toContain('a move of −5% within 24 candles (24 1h candles, about 24 hours');
      // 45,000 is under the price: "hits" means the crossing down to it.
      const hits = await ask(alice, 'ping me when btc hits 45k');
      expect(hits.text).toContain('price crosses below 45,000.00');
      const again = await ask(alice, 'alert me when BTC goes above 51,000');
      expect(again.text).toContain('You already have this alert');

      // Set within the same millisecond of the test's clock: in no particular order.
      const mine = (await httpList(alice)).map((a) => [a.symbol, a.timeframe, a.condition]);
      expect(mine).toHaveLength(4);
      expect(mine).toEqual(
        expect.arrayContaining([
          [BTC, '1m', { kind: 'price', op: 'below', value: 45_000 }],
          [ETH, '1h', { kind: 'move', percent: -5, bars: 24 }],
          [ETH, '15m', { kind: 'rsi', op: 'below', value: 30 }],
          [BTC, '1m', { kind: 'price', op: 'above', value: 51_000 }],
        ]),
      );
    });

    it('asks for what a question leaves out instead of guessing', async () => {
      const before = (await httpList(alice)).length;
      const noLevel = await ask(alice, 'alert me on BTC');
      expect(noLevel.text).toContain('At what price should I alert you?');
      expect(noLevel.payload?.suggestions).toEqual([
        'Alert me when BTC goes above 51000',
        'Alert me when BTC drops below 49000',
      ]);
      const noCoin = await ask(alice, 'alert me when it goes above 51000');
      expect(noCoin.payload?.refusal?.kind).toBe('no-symbol');
      expect((await httpList(alice)).length).toBe(before);
    });

    it('lists the asker’s alerts in words and as a table, and not another user’s', async () => {
      const answer = await ask(alice, 'what alerts do I have?');
      expect(answer.text).toMatch(/^You have 4 alerts \(4 active\): /);
      expect(answer.text).not.toContain('60,000');
      expect(answer.payload?.table?.columns).toEqual(['Alert', 'Fires', 'State', 'Last price', 'Distance']);
      expect(answer.payload?.table?.rows).toContainEqual([
        'BTC/USDT 1m: price crosses above 51,000.00',
        'once',
        'active',
        '50,000.00',
        '+2.00%',
      ]);
      expect(answer.payload?.table?.rows).toHaveLength(4);
    });

    it('asks which BTC alert to delete when several fit, deletes the one named, and leaves ETH’s and Bob’s', async () => {
      const which = await ask(alice, 'delete the BTC alert');
      expect(which.text).toContain('You have 2 alerts on BTC/USDT; which one should I delete?');
      expect(which.payload?.suggestions).toContain('Delete the BTC alert above 51000');
      expect((await httpList(alice)).length).toBe(4);

      const deleted = await ask(alice, 'Delete the BTC alert above 51000');
      expect(deleted.text).toBe(
        'Deleted 1 alert on BTC/USDT: BTC/USDT 1m: price crosses above 51,000.00. Your other 3 alerts are kept.',
      );
      const left = (await socketList(alice)).map((a) => a.condition);
      expect(left).toHaveLength(3);
      expect(left).toEqual(
        expect.arrayContaining([
          { kind: 'price', op: 'below', value: 45_000 },
          { kind: 'move', percent: -5, bars: 24 },
          { kind: 'rsi', op: 'below', value: 30 },
        ]),
      );
      expect(await httpList(bob)).toMatchObject([{ id: bobsAlert.id, state: 'active' }]);
    });

    it('deletes all of the asker’s alerts and none of Bob’s, whatever Bob asks', async () => {
      const bobs = await ask(bob, 'delete all my alerts');
      expect(bobs.text).toBe('Deleted 1 alert: BTC/USDT 1m: price crosses above 60,000.00.');
      expect(await httpList(alice)).toHaveLength(3);
      bobsAlert = await bob.tab.create({
        symbol: BTC,
        timeframe: '1m',
        condition: { kind: 'price', op: 'above', value: 60_000 },
      });

      const answer = await ask(alice, 'delete all my alerts');
      expect(answer.text).toMatch(/^Deleted 3 alerts: /);
      expect(await socketList(alice)).toEqual([]);
      expect(await httpList(bob)).toMatchObject([{ id: bobsAlert.id, state: 'active' }]);
      const none = await ask(alice, 'what alerts do I have?');
      expect(none.text).toBe('You have no alerts.');
    });

    it('fires a chat-set alert (alert:triggered) when the market crosses it, once', async () => {
      market.tick(BTC, 50_000);
      const answer = await ask(alice, 'alert me when BTC goes above 50100');
      expect(answer.text).toContain('Alert set');
      const [alert] = await httpList(alice);
      await app.app.alerts.ready();

      market.tick(BTC, 50_090);
      market.tick(BTC, 50_150);
      const fired = await waitFor(
        () => alice.tab.triggered.find((e) => e.alert.id === alert!.id),
        'alert:triggered for the chat-set alert',
      );
      expect(fired).toMatchObject({ price: 50_150, alert: { state: 'done', triggerCount: 1 } });

      // Crossed again, it stays done. A second chat alert crossed after that is the barrier: by the
      // time its trigger arrives, a second one of the first (ticks are handled in order) would have.
      await ask(alice, 'alert me when BTC goes above 50300');
      const barrier = (await httpList(alice)).find((a) => a.state === 'active')!;
      await app.app.alerts.ready();
      market.tick(BTC, 50_000);
      market.tick(BTC, 50_200);
      market.tick(BTC, 50_350);
      await waitFor(() => alice.tab.triggered.some((e) => e.alert.id === barrier.id), 'the barrier alert');
      expect(alice.tab.triggered.filter((e) => e.alert.id === alert!.id)).toHaveLength(1);
      expect(bob.tab.triggered).toEqual([]);
    });
  });
}

for (const backend of DATABASE_BACKENDS) describeChatAlerts(backend);

describe('alerts from the chat, at the per-user cap', () => {
  const clock = () => Date.now();
  let app: TestApp;
  const opened: Array<{ close(): void }> = [];

  beforeAll(async () => {
    app = await startTestApp({
      source: new ScriptedMarket({ [BTC]: 50_000 }, clock),
      clock,
      alerts: { maxPerUser: 1, changeFeedMs: 100 },
    });
  });
  afterAll(async () => {
    for (const o of opened) o.close();
    await app?.close();
  });

  it('says the cap plainly and sets nothing more', async () => {
    const browser = new Browser(app.url);
    await browser.register();
    const chat = await browser.socket();
    opened.push(chat);
    const send = async (text: string) => {
      const ack = await chat.request<ChatSendResult>('chat:send', { text });
      if (!ack.ok) throw new Error(ack.error.message);
      return ack.data.message.text;
    };
    expect(await send('alert me when BTC goes above 51000')).toContain('Alert set');
    expect(await send('alert me when BTC drops below 49000')).toBe(
      'I couldn’t set that alert: You have 1 alerts set (active or paused), the most one account may ' +
        'have; delete some to add more.',
    );
    const list = await browser.json<AlertList>('GET', '/api/alerts');
    expect(list.body.alerts).toHaveLength(1);
  });
});
