import { afterEach, describe, expect, it } from 'vitest';
import type { Ticker, TickersEvent, TickersSnapshot } from '../../../shared/tickers.ts';
import { startCcxtStack, type CcxtStack } from '../support/ccxt-stack.ts';
import { TestClient } from '../support/socket-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep, waitFor } from '../support/wait.ts';

const TICKERS = '/api/v3/ticker/24hr';

/** Binance's own 24-hour ticker, as the local exchange answers it. */
interface BinanceTicker {
  symbol: string;
  priceChangePercent: string;
  lastPrice: string;
  highPrice: string;
  lowPrice: string;
  quoteVolume: string;
}

// Each test starts its own exchange and server, which alone can take most of the default 20 s on a
// busy machine.
describe('tickers from the local exchange through ccxt', { timeout: 120_000 }, () => {
  let stack: CcxtStack;
  let t: TestApp;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await t?.close();
    await stack?.close();
  });
  const follow = async (n: number) => {
    const batch = Array.from({ length: n }, () => {
      const c = new TestClient(t.url);
      const events: TickersEvent[] = [];
      c.socket.on('tickers', (e) => events.push(e));
      return { c, events };
    });
    clients.push(...batch.map((b) => b.c));
    await Promise.all(batch.map(({ c }) => c.connected()));
    const acks = await Promise.all(batch.map(({ c }) => c.request<TickersSnapshot>('tickers:subscribe', {})));
    expect(acks.every((a) => a.ok)).toBe(true);
    return batch;
  };

  it('polls one request for every symbol per interval, whatever the followers, and quotes the exchange', async () => {
    // A frozen clock: the exchange's figures and ours are of the same instant.
    const now = Date.UTC(2026, 2, 14, 9, 30, 12);
    stack = await startCcxtStack({ webSocket: false, clock: () => now });
    t = await startTestApp({
      source: stack.source(),
      tickerSource: stack.tickers({ pollIntervalMs: 500 }),
      clock: stack.clock,
    });
    await follow(20);
    const from = Date.now();
    await sleep(5_000);
    const polls = stack.fake.log.filter((r) => r.path === TICKERS && r.at > from);
    // 5 s at one poll per 500 ms: at most 10 (fewer on a busy machine), however many sockets
    // follow, and each one request for every symbol.
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.length).toBeLessThanOrEqual(11);
    for (const poll of polls)
      expect(JSON.parse(new URLSearchParams(poll.query).get('symbols')!).sort()).toEqual([
        'BNBUSDT',
        'BTCUSDT',
        'ETHUSDT',
        'SOLUSDT',
      ]);

    const ours = (await (await fetch(`${t.url}/api/tickers`)).json()) as Ticker[];
    const theirs = (await (await fetch(`${stack.fake.url}${TICKERS}`)).json()) as BinanceTicker[];
    expect(ours).toHaveLength(4);
    for (const ticker of ours) {
      const exchange = theirs.find((x) => x.symbol === ticker.symbol.replace('/', ''))!;
      expect(ticker).toMatchObject({
        last: Number(exchange.lastPrice),
        change24hPercent: Number(exchange.priceChangePercent),
        high24h: Number(exchange.highPrice),
        low24h: Number(exchange.lowPrice),
        quoteVolume24h: Number(exchange.quoteVolume),
      });
      expect(ticker.sparkline).toHaveLength(24);
    }
  });

  it('streams them over one WebSocket subscription per symbol, after one request for the whole picture', async () => {
    stack = await startCcxtStack({ speed: 60, tickMs: 20 });
    t = await startTestApp({ source: stack.source(), tickerSource: stack.tickers(), clock: stack.clock });
    const followers = await follow(30);
    await waitFor(
      () => followers.every(({ events }) => events.length >= 3),
      'pushes on every socket',
      15_000,
    );
    expect(
      [...stack.fake.subscriptions.entries()].filter(([stream]) => stream.endsWith('@miniTicker')).sort(),
    ).toEqual([
      ['bnbusdt@miniTicker', 1],
      ['btcusdt@miniTicker', 1],
      ['ethusdt@miniTicker', 1],
      ['solusdt@miniTicker', 1],
    ]);
    expect(stack.fake.count(TICKERS)).toBe(1);
    const btc = followers[0]!.events.flatMap((e) => e.tickers).filter((x) => x.symbol === 'BTC/USDT');
    expect(new Set(btc.map((x) => x.last)).size).toBeGreaterThan(1);
  });

  it('keeps the last figures, marked stale, while the exchange is away, and comes back by itself', async () => {
    stack = await startCcxtStack({ webSocket: false, speed: 60, tickMs: 20 });
    t = await startTestApp({
      source: stack.source(),
      tickerSource: stack.tickers({ pollIntervalMs: 200 }),
      clock: stack.clock,
    });
    const { events } = (await follow(1))[0]!;
    await waitFor(() => events.length >= 2, 'live pushes');

    await stack.fake.stop();
    const stale = await waitFor(
      () => events.find((e) => e.tickers.length === 4 && e.tickers.every((x) => x.stale)),
      'the tickers marked stale',
      10_000,
    );
    const lastLive = events
      .slice(0, events.indexOf(stale))
      .flatMap((e) => e.tickers)
      .findLast((x) => x.symbol === 'ETH/USDT')!;
    expect(stale.tickers.find((x) => x.symbol === 'ETH/USDT')!.last).toBe(lastLive.last);
    const held = (await (await fetch(`${t.url}/api/tickers`)).json()) as Ticker[];
    expect(held.every((x) => x.stale === true && x.last > 0)).toBe(true);

    await stack.fake.restart();
    const fresh = events.length;
    await waitFor(
      () => events.slice(fresh).some((e) => e.tickers.some((x) => x.symbol === 'ETH/USDT' && !x.stale)),
      'live figures again',
      20_000,
    );
  });
});
