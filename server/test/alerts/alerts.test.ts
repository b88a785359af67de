import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertList, AlertTriggeredEvent } from '../../../shared/alerts.ts';
import { ScriptedMarket } from '../../../scripts/bench/scripted-market.ts';
import { Browser } from '../support/accounts.ts';
import { openAlertTab, type AlertTab } from '../support/alert-tab.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep, waitFor } from '../support/wait.ts';

const BTC = 'BTC/USDT';
const ETH = 'ETH/USDT';
/** Long enough for a push to arrive, to say that none did. */
const QUIET_MS = 300;

describe('alerts', () => {
  const time = { now: Date.now() };
  const clock = () => time.now;
  const market = new ScriptedMarket({ [BTC]: 50_000, [ETH]: 3_000 }, clock);
  const tabs: AlertTab[] = [];
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ source: market, clock, alerts: { changeFeedMs: 100 } });
  });
  afterAll(async () => {
    for (const t of tabs) t.close();
    await app?.close();
  });

  const signUp = async () => {
    const browser = new Browser(app.url);
    await browser.register();
    return browser;
  };
  const tab = async (browser: Browser) => {
    const t = await openAlertTab(browser);
    tabs.push(t);
    return t;
  };
  /** Creates an alert, then waits until the server watches its stream. */
  const armed = async (t: AlertTab, request: Parameters<AlertTab['create']>[0]) => {
    const alert = await t.create(request);
    await app.app.alerts.ready();
    return alert;
  };
  const triggerRows = (alertId: string) =>
    app.database.db.selectFrom('alert_triggers').selectAll().where('alert_id', '=', alertId).execute();

  it('fires a once-alert on the tick that crosses it, once, to every tab of its user and no one else’s', async () => {
    const user = await signUp();
    const [first, second] = [await tab(user), await tab(user)];
    const stranger = await tab(await signUp());
    market.tick(BTC, 50_000);
    const alert = await armed(first, {
      symbol: BTC,
      timeframe: '1m',
      condition: { kind: 'price', op: 'above', value: 50_100 },
      note: 'take profit',
    });
    expect(alert).toMatchObject({ state: 'active', repeat: false, triggerCount: 0, note: 'take profit' });
    await waitFor(() => second.changed.some((a) => a.id === alert.id), 'alert:changed in the other tab');

    market.tick(BTC, 50_090);
    await sleep(QUIET_MS);
    expect(first.triggered).toEqual([]);
    market.tick(BTC, 50_150);
    await waitFor(
      () => first.triggered.length > 0 && second.triggered.length > 0,
      'alert:triggered in both tabs',
    );
    for (const price of [50_000, 50_200, 50_050, 50_300]) market.tick(BTC, price);
    await sleep(QUIET_MS);

    for (const t of [first, second]) {
      expect(t.triggered).toHaveLength(1);
      expect(t.triggered[0]).toMatchObject({
        alert: { id: alert.id, state: 'done', triggerCount: 1 },
        price: 50_150,
        value: null,
        time: time.now,
      });
    }
    expect(stranger.triggered).toEqual([]);
    expect(await triggerRows(alert.id)).toHaveLength(1);
    const list = await first.request<AlertList>('alert:list', {});
    expect(list).toMatchObject({
      ok: true,
      data: {
        alerts: [{ id: alert.id, state: 'done', lastTriggeredAt: time.now }],
        history: [
          { id: first.triggered[0]!.id, alertId: alert.id, price: 50_150, time: time.now, seen: false },
        ],
        unseen: 1,
      },
    });
  });

  it('fires a repeating alert on every crossing, at most once per cooldown', async () => {
    const t = await tab(await signUp());
    market.tick(ETH, 3_000);
    const alert = await armed(t, {
      symbol: ETH,
      timeframe: '1m',
      condition: { kind: 'price', op: 'below', value: 2_990 },
      repeat: true,
      cooldownSeconds: 600,
    });
    market.tick(ETH, 2_980);
    await waitFor(() => t.triggered.length === 1, 'the first trigger');
    market.tick(ETH, 3_000);
    market.tick(ETH, 2_970); // within the cooldown: no trigger
    await sleep(QUIET_MS);
    expect(t.triggered).toHaveLength(1);
    time.now += 601_000;
    market.tick(ETH, 3_000);
    market.tick(ETH, 2_985);
    await waitFor(() => t.triggered.length === 2, 'the trigger after the cooldown');
    expect(t.triggered.map((e) => e.alert)).toMatchObject([
      { id: alert.id, state: 'active', triggerCount: 1 },
      { id: alert.id, state: 'active', triggerCount: 2 },
    ]);
    expect(await triggerRows(alert.id)).toHaveLength(2);
  });

  it('fires RSI, EMA and MACD alerts from the live indicators, and moves against an earlier close', async () => {
    const t = await tab(await signUp());
    // A climb of 0.4 % a candle first: above the EMA, MACD over its signal, RSI high.
    let price = market.last(BTC).close;
    for (let i = 0; i < 20; i++) market.open(BTC, (price *= 1.004));
    const alerts = [
      await armed(t, { symbol: BTC, timeframe: '1m', condition: { kind: 'rsi', op: 'below', value: 30 } }),
      await armed(t, { symbol: BTC, timeframe: '1m', condition: { kind: 'ema', op: 'below', period: 20 } }),
      await armed(t, { symbol: BTC, timeframe: '1m', condition: { kind: 'macd', op: 'below' } }),
      await armed(t, { symbol: BTC, timeframe: '1m', condition: { kind: 'move', percent: -2, bars: 3 } }),
    ];
    // Then a slide of 0.8 % a candle: under the EMA, MACD under its signal, RSI down to oversold.
    for (let i = 0; i < 40 && t.triggered.length < alerts.length; i++) {
      market.open(BTC, (price *= 0.992));
      await sleep(20);
    }
    await waitFor(() => t.triggered.length === alerts.length, 'every indicator alert');
    const byAlert = new Map(t.triggered.map((e) => [e.alert.id, e]));
    const [rsi, ema, macd, move] = alerts.map((a) => byAlert.get(a.id)!) as [
      AlertTriggeredEvent,
      AlertTriggeredEvent,
      AlertTriggeredEvent,
      AlertTriggeredEvent,
    ];
    expect(rsi.value).toBeLessThanOrEqual(30);
    expect(ema.value).toBeLessThanOrEqual(0); // price − EMA 20
    expect(macd.value).toBeLessThanOrEqual(0); // MACD − signal
    expect(move.value).toBeLessThanOrEqual(-2);
    expect(move.value).toBeGreaterThan(-3); // the first candle past −2 % over three: −2.4 %
  });

  it('stops watching what is deleted or paused, watches the new level of an edit, and re-arms a done alert', async () => {
    const user = await signUp();
    const [t, other] = [await tab(user), await tab(user)];
    market.tick(ETH, 3_000);
    const deleted = await armed(t, {
      symbol: ETH,
      timeframe: '1m',
      condition: { kind: 'price', op: 'above', value: 3_010 },
    });
    const paused = await armed(t, {
      symbol: ETH,
      timeframe: '1m',
      condition: { kind: 'price', op: 'above', value: 3_010 },
    });
    const edited = await armed(t, {
      symbol: ETH,
      timeframe: '1m',
      condition: { kind: 'price', op: 'above', value: 3_010 },
    });
    expect(await t.request('alert:delete', { id: deleted.id })).toEqual({
      ok: true,
      data: { id: deleted.id },
    });
    const pausedAck = await t.request<{ alert: Alert }>('alert:update', { id: paused.id, active: false });
    expect(pausedAck).toMatchObject({ ok: true, data: { alert: { state: 'paused' } } });
    const editedAck = await t.request<{ alert: Alert }>('alert:update', {
      id: edited.id,
      condition: { kind: 'price', op: 'above', value: 3_030 },
    });
    expect(editedAck).toMatchObject({
      ok: true,
      data: { alert: { state: 'active', condition: { value: 3_030 } } },
    });
    await waitFor(() => other.deleted.includes(deleted.id), 'alert:deleted in the other tab');

    market.tick(ETH, 3_020);
    await sleep(QUIET_MS);
    expect(t.triggered).toEqual([]);
    market.tick(ETH, 3_040);
    await waitFor(() => t.triggered.length === 1, 'the edited level');
    expect(t.triggered[0]!.alert.id).toBe(edited.id);

    // Resumed and re-armed: each fires on the next crossing.
    await t.request('alert:update', { id: paused.id, active: true });
    const rearmed = await t.request<{ alert: Alert }>('alert:update', { id: edited.id, active: true });
    expect(rearmed).toMatchObject({ ok: true, data: { alert: { state: 'active', triggerCount: 1 } } });
    await app.app.alerts.ready();
    market.tick(ETH, 3_000);
    market.tick(ETH, 3_050);
    await waitFor(() => t.triggered.length === 3, 'the resumed and re-armed alerts');
    expect(
      t.triggered
        .slice(1)
        .map((e) => e.alert.id)
        .sort(),
    ).toEqual([paused.id, edited.id].sort());
    expect(await triggerRows(deleted.id)).toEqual([]);
  });

  it('lets the chat create, list and remove a user’s alerts through the service, as the socket does', async () => {
    const browser = await signUp();
    const t = await tab(browser);
    const { service } = app.app.alerts;
    const userId = browser.user!.id;
    market.tick(BTC, 50_000);
    const alert = await service.create(userId, {
      symbol: BTC,
      timeframe: '15m',
      condition: { kind: 'price', op: 'above', value: 51_000 },
    });
    await waitFor(() => t.changed.some((a) => a.id === alert.id), 'the tab to hear of it');
    expect((await service.list(userId)).alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(service.describe(alert)).toBe('BTC/USDT 15m: price crosses above 51,000.00');
    await service.remove(userId, alert.id);
    expect((await service.list(userId)).alerts).toEqual([]);
    await expect(
      service.create(userId, {
        symbol: 'NOPE/USDT',
        timeframe: '1m',
        condition: { kind: 'macd', op: 'above' },
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_SYMBOL' });
  });

  it('keeps a trigger that fired while its user was away until they come back and see it', async () => {
    const away = await signUp();
    const username = (await away.json<{ user: { username: string } }>('GET', '/api/me')).body.user.username;
    market.tick(BTC, 50_000);
    const created = await away.json<{ alert: Alert }>('POST', '/api/alerts', {
      symbol: BTC,
      timeframe: '1m',
      condition: { kind: 'price', op: 'below', value: 49_900 },
    });
    expect(created.status).toBe(201);
    expect((await away.json('POST', '/api/auth/logout')).status).toBe(204);
    await app.app.alerts.ready();
    market.tick(BTC, 49_850); // nobody is connected
    await waitFor(
      async () => (await triggerRows(created.body.alert.id)).length === 1,
      'the trigger, recorded',
    );

    const back = new Browser(app.url);
    expect(
      (await back.json('POST', '/api/auth/login', { username, password: 'correct horse battery staple' }))
        .status,
    ).toBe(200);
    const list = await back.json<AlertList>('GET', '/api/alerts');
    expect(list.body).toMatchObject({
      alerts: [{ id: created.body.alert.id, state: 'done' }],
      history: [{ alertId: created.body.alert.id, price: 49_850, seen: false, condition: { value: 49_900 } }],
      unseen: 1,
    });
    const [t, other] = [await tab(back), await tab(back)];
    expect(await t.request('alert:seen', { ids: [list.body.history[0]!.id] })).toEqual({
      ok: true,
      data: { unseen: 0 },
    });
    await waitFor(() => other.seen.length > 0, 'alert:seen in the other tab');
    expect(other.seen).toEqual([{ ids: [list.body.history[0]!.id], unseen: 0 }]);
    expect((await back.json<AlertList>('GET', '/api/alerts')).body.history[0]!.seen).toBe(true);
  });
});
