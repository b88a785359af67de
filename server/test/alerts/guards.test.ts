import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertCondition, AlertList } from '../../../shared/alerts.ts';
import type { Ack } from '../../../shared/errors.ts';
import { ScriptedMarket } from '../../../scripts/bench/scripted-market.ts';
import { Browser } from '../support/accounts.ts';
import { openAlertTab, type AlertTab } from '../support/alert-tab.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { waitFor } from '../support/wait.ts';

const BTC = 'BTC/USDT';
/** A price condition, typed as one, whatever garbage it holds. */
const price = (value: unknown, op: unknown = 'above') =>
  ({ kind: 'price', op, value }) as unknown as AlertCondition;
const valid = { symbol: BTC, timeframe: '1m' as const, condition: price(60_000) };

/** Who may touch which alert, what the server refuses and how it says so, and the per-user cap. */
describe('alerts: isolation, bad input and the cap', () => {
  const market = new ScriptedMarket({ [BTC]: 50_000 }, Date.now);
  const tabs: AlertTab[] = [];
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      source: market,
      clock: Date.now,
      alerts: { maxPerUser: 3, changeFeedMs: 100 },
      // Dozens of refusals from one socket in a few seconds: past the default allowance.
      eventLimits: { perSocket: 1_000, perIp: 10_000, windowSeconds: 10 },
    });
  });
  afterAll(async () => {
    for (const t of tabs) t.close();
    await app?.close();
  });

  const user = async () => {
    const browser = new Browser(app.url);
    await browser.register();
    const tab = await openAlertTab(browser);
    tabs.push(tab);
    return { browser, tab };
  };
  const refused = (ack: Ack<unknown>) => (ack.ok ? 'ok' : ack.error.code);

  it('answers NOT_FOUND for another user’s alert and for guessed ids, and leaves it as it was', async () => {
    const owner = await user();
    const intruder = await user();
    market.tick(BTC, 50_000);
    const alert = await owner.tab.create({ ...valid, condition: price(50_100) });
    await app.app.alerts.ready();
    market.tick(BTC, 50_200);
    await waitFor(() => owner.tab.triggered.length === 1, 'the owner’s trigger');
    const triggerId = owner.tab.triggered[0]!.id;

    for (const id of [alert.id, randomUUID(), '00000000-0000-4000-8000-000000000000']) {
      expect(refused(await intruder.tab.request('alert:update', { id, active: true }))).toBe('NOT_FOUND');
      expect(refused(await intruder.tab.request('alert:delete', { id }))).toBe('NOT_FOUND');
      expect((await intruder.browser.request('PATCH', `/api/alerts/${id}`, { note: 'mine' })).status).toBe(
        404,
      );
      expect((await intruder.browser.request('DELETE', `/api/alerts/${id}`)).status).toBe(404);
    }
    for (const id of ['1', '../alerts', 'not-a-uuid']) {
      expect((await intruder.browser.request('DELETE', `/api/alerts/${id}`)).status).toBe(404);
    }
    expect(await intruder.tab.request('alert:seen', { ids: [triggerId] })).toEqual({
      ok: true,
      data: { unseen: 0 },
    });
    expect((await intruder.browser.json<AlertList>('GET', '/api/alerts')).body).toEqual({
      alerts: [],
      history: [],
      unseen: 0,
    });

    const mine = await owner.browser.json<AlertList>('GET', '/api/alerts');
    expect(mine.body.alerts).toEqual([
      { ...alert, state: 'done', triggerCount: 1, lastTriggeredAt: expect.any(Number) },
    ]);
    expect(mine.body.history).toMatchObject([{ id: triggerId, seen: false }]);
    expect(intruder.tab.triggered).toEqual([]);
  });

  it('refuses visitors everything, over the socket and HTTP', async () => {
    const visitor = await openAlertTab(new Browser(app.url));
    tabs.push(visitor);
    const events: Array<[string, unknown]> = [
      ['alert:create', valid],
      ['alert:update', { id: randomUUID(), active: false }],
      ['alert:delete', { id: randomUUID() }],
      ['alert:list', {}],
      ['alert:seen', {}],
    ];
    for (const [event, payload] of events)
      expect(refused(await visitor.request(event, payload))).toBe('UNAUTHENTICATED');
    const http = new Browser(app.url);
    for (const [method, path] of [
      ['GET', '/api/alerts'],
      ['POST', '/api/alerts'],
      ['PATCH', `/api/alerts/${randomUUID()}`],
      ['DELETE', `/api/alerts/${randomUUID()}`],
      ['POST', '/api/alerts/seen'],
      ['GET', '/api/alerts/webhook'],
      ['PUT', '/api/alerts/webhook'],
      ['DELETE', '/api/alerts/webhook'],
    ] as const)
      expect(
        (await http.request(method, path, method === 'GET' ? undefined : valid)).status,
        `${method} ${path}`,
      ).toBe(401);
  });

  it('refuses every kind of bad alert with a code and a message that says what is wrong', async () => {
    const { tab, browser } = await user();
    const cases: Array<[unknown, string, RegExp]> = [
      ['BTC above 50000', 'INVALID_PAYLOAD', /expected object/],
      [null, 'INVALID_PAYLOAD', /expected object/],
      [[valid], 'INVALID_PAYLOAD', /expected object/],
      [{ ...valid, symbol: undefined }, 'INVALID_PAYLOAD', /symbol/],
      [{ ...valid, symbol: 'btcusdt' }, 'INVALID_PAYLOAD', /symbol must be written BASE\/QUOTE/],
      [{ ...valid, symbol: 'DOGE/USDT' }, 'UNKNOWN_SYMBOL', /Unknown symbol "DOGE\/USDT"/],
      [{ ...valid, timeframe: '3m' }, 'UNSUPPORTED_TIMEFRAME', /timeframe must be one of/],
      [{ ...valid, condition: undefined }, 'INVALID_PAYLOAD', /condition/],
      [
        { ...valid, condition: { kind: 'volume', op: 'above', value: 1 } },
        'INVALID_PAYLOAD',
        /condition.kind: kind must be one of price, move, rsi, ema, macd/,
      ],
      [
        { ...valid, condition: price(50_000, 'sideways') },
        'INVALID_PAYLOAD',
        /condition.op: op must be "above" or "below"/,
      ],
      [{ ...valid, condition: price(-1) }, 'INVALID_PAYLOAD', /value must be a price above 0/],
      [{ ...valid, condition: price(0) }, 'INVALID_PAYLOAD', /value must be a price above 0/],
      [{ ...valid, condition: price('51000') }, 'INVALID_PAYLOAD', /value must be a number/],
      [{ ...valid, condition: price(Number.NaN) }, 'INVALID_PAYLOAD', /value must be a number/],
      [
        { ...valid, condition: { ...price(1), percent: 5 } },
        'INVALID_PAYLOAD',
        /Unrecognized key: "percent"/,
      ],
      [
        { ...valid, condition: { kind: 'rsi', op: 'below', value: 100 } },
        'INVALID_PAYLOAD',
        /value must be below 100/,
      ],
      [
        { ...valid, condition: { kind: 'rsi', op: 'below', value: 0 } },
        'INVALID_PAYLOAD',
        /value must be above 0/,
      ],
      [
        { ...valid, condition: { kind: 'ema', op: 'above', period: 21 } },
        'INVALID_PAYLOAD',
        /period must be 20, 50, 200/,
      ],
      [{ ...valid, condition: { kind: 'macd' } }, 'INVALID_PAYLOAD', /condition.op/],
      [
        { ...valid, condition: { kind: 'move', percent: 0, bars: 3 } },
        'INVALID_PAYLOAD',
        /positive for a rise, negative for a fall/,
      ],
      [
        { ...valid, condition: { kind: 'move', percent: -100, bars: 3 } },
        'INVALID_PAYLOAD',
        /percent must be above -100/,
      ],
      [
        { ...valid, condition: { kind: 'move', percent: 5, bars: 0 } },
        'INVALID_PAYLOAD',
        /bars must be at least 1/,
      ],
      [
        { ...valid, condition: { kind: 'move', percent: 5, bars: 1.5 } },
        'INVALID_PAYLOAD',
        /bars must be a whole number/,
      ],
      [
        { ...valid, condition: { kind: 'move', percent: 5, bars: 501 } },
        'INVALID_PAYLOAD',
        /bars must be at most 500/,
      ],
      [{ ...valid, repeat: 'yes' }, 'INVALID_PAYLOAD', /repeat must be true or false/],
      [{ ...valid, repaet: true }, 'INVALID_PAYLOAD', /Unrecognized key: "repaet"/],
      [
        { ...valid, repeat: true, cooldownSeconds: 10 },
        'INVALID_PAYLOAD',
        /cooldownSeconds must be at least 60/,
      ],
      [
        { ...valid, repeat: true, cooldownSeconds: 90.5 },
        'INVALID_PAYLOAD',
        /cooldownSeconds must be a whole number/,
      ],
      [{ ...valid, cooldownSeconds: 120 }, 'INVALID_PAYLOAD', /cooldownSeconds is for repeating alerts/],
      [{ ...valid, note: 'x'.repeat(201) }, 'INVALID_PAYLOAD', /note must be at most 200 characters/],
      [{ ...valid, note: 'two\nlines' }, 'INVALID_PAYLOAD', /note must be one line/],
      [{ ...valid, note: 42 }, 'INVALID_PAYLOAD', /note must be a string/],
    ];
    for (const [payload, code, message] of cases) {
      const ack = await tab.request('alert:create', payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code, message: expect.stringMatching(message) },
      });
    }
    const updates: Array<[unknown, RegExp]> = [
      [{}, /id must be an alert id/],
      [{ id: 'abc', active: true }, /id must be an alert id/],
      [{ id: randomUUID() }, /say what to change besides the id/],
      [{ id: randomUUID(), active: 'no' }, /active must be true or false/],
      [{ id: randomUUID(), owner: 'me' }, /Unrecognized key: "owner"/],
    ];
    for (const [payload, message] of updates)
      expect(await tab.request('alert:update', payload)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', message: expect.stringMatching(message) },
      });
    expect(refused(await tab.request('alert:delete', { id: 7 }))).toBe('INVALID_PAYLOAD');
    expect(refused(await tab.request('alert:seen', { ids: ['x'] }))).toBe('INVALID_PAYLOAD');
    expect(
      refused(await tab.request('alert:seen', { ids: Array.from({ length: 501 }, (_, i) => String(i)) })),
    ).toBe('INVALID_PAYLOAD');

    // Over HTTP: the same rules, the same codes, as a 400 body.
    const res = await browser.json<{ error: { code: string; message: string } }>('POST', '/api/alerts', {
      ...valid,
      condition: price(-5),
    });
    expect(res).toEqual({
      status: 400,
      body: { error: { code: 'INVALID_PAYLOAD', message: 'condition.value: value must be a price above 0' } },
    });
    const garbled = await browser.request('POST', '/api/alerts', '{"symbol":', {
      'content-type': 'application/json',
    });
    expect(garbled.status).toBe(400);
    expect((await browser.request('PATCH', `/api/alerts/${randomUUID()}`, '[1]')).status).toBe(400);
    expect((await browser.json<AlertList>('GET', '/api/alerts')).body.alerts).toEqual([]);
  });

  it('refuses a webhook to this host or a private network by default, with the reason', async () => {
    const { browser } = await user();
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://localhost/hook',
      'http://[::1]/',
      'http://192.168.1.20/hook',
    ]) {
      const res = await browser.json<{ error: { code: string; message: string } }>(
        'PUT',
        '/api/alerts/webhook',
        { url },
      );
      expect(res.status, url).toBe(400);
      expect(res.body.error.message, url).toMatch(
        /a private, loopback or reserved address; webhooks go to the public internet only/,
      );
    }
    expect((await browser.json('PUT', '/api/alerts/webhook', { url: 'gopher://example.com' })).status).toBe(
      400,
    );
    expect((await browser.json('PUT', '/api/alerts/webhook', { link: 'https://example.com' })).status).toBe(
      400,
    );
    expect((await browser.json('GET', '/api/alerts/webhook')).body).toEqual({ webhook: null });
  });

  it('caps the alerts a user has set, in the database, even when they are created at once', async () => {
    const { tab, browser } = await user();
    const second = await openAlertTab(browser);
    tabs.push(second);
    const acks = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? tab : second).request<{ alert: Alert }>('alert:create', {
          ...valid,
          condition: price(60_000 + i),
        }),
      ),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(3);
    const limited = acks.filter((a) => !a.ok);
    expect(limited).toHaveLength(5);
    expect(limited[0]).toEqual({
      ok: false,
      error: {
        code: 'ALERT_LIMIT',
        message:
          'You have 3 alerts set (active or paused), the most one account may have; delete some to add more',
      },
    });
    const [first] = acks.filter((a) => a.ok).map((a) => (a.ok ? a.data.alert : undefined!));
    // Paused alerts count; a deleted one frees its place.
    await tab.request('alert:update', { id: first!.id, active: false });
    expect(refused(await tab.request('alert:create', valid))).toBe('ALERT_LIMIT');
    expect((await browser.request('POST', '/api/alerts', valid)).status).toBe(409);
    expect((await browser.request('DELETE', `/api/alerts/${first!.id}`)).status).toBe(204);
    expect(refused(await tab.request('alert:create', valid))).toBe('ok');
  });

  it('does not count fired once-alerts, and refuses to re-arm one past the cap', async () => {
    const { tab } = await user();
    market.tick(BTC, 50_000);
    const fired = await tab.create({ ...valid, condition: price(50_050) });
    await app.app.alerts.ready();
    market.tick(BTC, 50_100);
    await waitFor(() => tab.triggered.length === 1, 'the trigger');
    for (let i = 0; i < 3; i++) await tab.create({ ...valid, condition: price(70_000 + i) });
    expect(await tab.request('alert:update', { id: fired.id, active: true })).toMatchObject({
      ok: false,
      error: { code: 'ALERT_LIMIT' },
    });
  });
});
