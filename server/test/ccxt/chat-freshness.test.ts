import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSendResult } from '../../../shared/chat.ts';
import type { SubscribeResult } from '../../../shared/protocol.ts';
import { Browser, type ChatClient } from '../support/accounts.ts';
import { startCcxtStack, type CcxtStack } from '../support/ccxt-stack.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { waitFor } from '../support/wait.ts';

const utc = (time: number) => new Date(time).toISOString().slice(11, 16) + ' UTC';

describe('chat answers during an exchange outage', () => {
  let stack: CcxtStack;
  let t: TestApp;
  const tabs: ChatClient[] = [];
  afterEach(async () => {
    for (const tab of tabs.splice(0)) tab.close();
    await t?.close();
    await stack?.close();
  });

  const ask = async (tab: ChatClient, text: string) => {
    const ack = await tab.request<ChatSendResult>('chat:send', { text, clientId: randomUUID() }, 30_000);
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data.message;
  };

  it('say the price is stale, and since when, instead of stating it as current', async () => {
    stack = await startCcxtStack({ speed: 60, tickMs: 20 });
    t = await startTestApp({ source: stack.source(), clock: stack.clock });
    const browser = new Browser(t.url);
    await browser.register();
    const tab = await browser.socket();
    tabs.push(tab);
    // Someone watches the chart the price answer reads (24 hours of 5m candles): the hub holds it live.
    const watched = await tab.request<SubscribeResult>('subscribe', { symbol: 'BTC/USDT', timeframe: '5m' });
    if (!watched.ok) throw new Error(watched.error.message);
    await waitFor(() => tab.candles.length > 2, 'live candles');

    const live = await ask(tab, 'BTC price?');
    expect(live.text).toMatch(/^BTC\/USDT is at /);
    expect(live.payload?.staleSince).toBeUndefined();

    await stack.fake.stop();
    await waitFor(() => tab.statuses.some((s) => s.state === 'stale'), 'the feed declared stale', 20_000);
    const lastCandle = tab.candles.at(-1)!.candle;

    const stale = await ask(tab, 'BTC price?');
    const since = stale.payload!.staleSince!;
    expect(since).toBeGreaterThanOrEqual(lastCandle.time);
    expect(since).toBeLessThanOrEqual(t.clock());
    expect(stale.text).toMatch(new RegExp(`^Stale since ${utc(since)}: .* BTC/USDT is at `));
    expect(stale.payload!.figures.length).toBeGreaterThan(0);
    for (const figure of stale.payload!.figures) expect(figure.asOf).toBeLessThanOrEqual(since);
  });
});
