import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CandlesResponse } from '../../shared/http.ts';
import { formatPercent } from '../../shared/format.ts';
import { unpackCandles } from '../../shared/snapshot.ts';
import {
  DAY_MS,
  SPARKLINE_HOURS,
  type Ticker,
  type TickersEvent,
  type TickersSnapshot,
} from '../../shared/tickers.ts';
import { createChatEngine } from '../src/chat/engine/chat-engine.ts';
import { marketChatTools } from '../src/chat/market-chat-tools.ts';
import { TestClient } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { sleep, waitFor } from './support/wait.ts';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'];

/** A socket that records every `tickers` push. */
async function follower(t: TestApp, clients: TestClient[]) {
  const c = new TestClient(t.url);
  clients.push(c);
  const events: TickersEvent[] = [];
  c.socket.on('tickers', (e) => events.push(e));
  await c.connected();
  return { c, events };
}

describe('tickers over Socket.IO (replay at 60× speed)', () => {
  let t: TestApp;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ speed: 60, tickMs: 50 });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    // Nobody follows any more: the upstream closes (no linger in tests) and its 1m feeds with it.
    await waitFor(() => t.source.activeWatches === 0, 'the ticker feeds to close');
  });
  afterAll(() => t?.close());

  it('acks a subscribe with every offered symbol, then pushes what changed about once a second', async () => {
    const { c, events } = await follower(t, clients);
    const ack = await c.request<TickersSnapshot>('tickers:subscribe', {});
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.data.tickers.map((x) => x.symbol).sort()).toEqual([...SYMBOLS].sort());
    for (const ticker of ack.data.tickers) {
      expect(ticker.last).toBeGreaterThan(0);
      expect(ticker.low24h).toBeLessThanOrEqual(ticker.last);
      expect(ticker.high24h).toBeGreaterThanOrEqual(ticker.last);
      expect(ticker.sparkline).toHaveLength(SPARKLINE_HOURS);
      expect(ticker.stale).toBeUndefined();
    }

    const from = Date.now();
    await waitFor(() => events.length >= 3, 'three pushes', 10_000);
    const seconds = (Date.now() - from) / 1000;
    // One push per second at most, each carrying every ticker that moved: never one per symbol.
    expect(events.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect(events.every((e) => e.tickers.length === SYMBOLS.length)).toBe(true);
    const btc = events.map((e) => e.tickers.find((x) => x.symbol === 'BTC/USDT')!);
    expect(new Set(btc.map((x) => x.last)).size).toBeGreaterThan(1);
    expect(btc.every((x, i) => i === 0 || x.time > btc[i - 1]!.time)).toBe(true);
  });

  it('sends a socket that names symbols only those, and refuses symbols that are not offered', async () => {
    const { c, events } = await follower(t, clients);
    const ack = await c.request<TickersSnapshot>('tickers:subscribe', { symbols: ['ETH/USDT'] });
    expect(ack.ok && ack.data.tickers.map((x) => x.symbol)).toEqual(['ETH/USDT']);
    await waitFor(() => events.length >= 2, 'two pushes');
    expect(events.flatMap((e) => e.tickers.map((x) => x.symbol))).toEqual(['ETH/USDT', 'ETH/USDT']);

    const refused = await c.request('tickers:subscribe', { symbols: ['DOGE/USDT'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SYMBOL' } });
    const invalid = await c.request('tickers:subscribe', { symbols: 'BTC/USDT' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    // Unsubscribed, the pushes stop.
    expect(await c.request('tickers:unsubscribe', {})).toEqual({ ok: true, data: null });
    const count = events.length;
    await sleep(2_500);
    expect(events.length).toBe(count);
  });

  it('feeds any number of followers from one upstream feed per symbol', async () => {
    const watchesBefore = t.source.watches;
    const followers = await Promise.all(Array.from({ length: 60 }, () => follower(t, clients)));
    const acks = await Promise.all(followers.map(({ c }) => c.request('tickers:subscribe', {})));
    expect(acks.every((a) => a.ok)).toBe(true);
    await waitFor(() => followers.every(({ events }) => events.length >= 2), 'pushes on every socket');
    // The replay's tickers are computed from each symbol's 1m feed: four feeds, not 240.
    expect(t.source.watches - watchesBefore).toBe(SYMBOLS.length);
    expect(t.source.activeWatches).toBe(SYMBOLS.length);
    // Every socket got the very same pushes.
    const lasts = (events: TickersEvent[]) => events.slice(0, 2).map((e) => e.tickers[0]!.last);
    const first = lasts(followers[0]!.events);
    expect(followers.filter(({ events }) => String(lasts(events)) === String(first)).length).toBeGreaterThan(
      50,
    );
  });
});

describe('the 24-hour change, at one frozen instant', () => {
  let t: TestApp;
  let now = Date.UTC(2026, 2, 14, 15, 7, 42);
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock: () => now, tickMs: 50 });
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await t?.close();
  });

  const tickers = async () => (await (await fetch(`${t.url}/api/tickers`)).json()) as Ticker[];
  const minutes = async (symbol: string) => {
    const url = `${t.url}/api/candles?symbol=${symbol}&timeframe=1m&limit=${DAY_MS / 60_000 + 1}`;
    return unpackCandles(((await (await fetch(url)).json()) as CandlesResponse).candles);
  };

  it('equals the last price against the close of the same minute a day earlier, from /api/candles', async () => {
    for (const step of [0, 90_000, 3_600_000]) {
      now += step;
      const all = await tickers();
      expect(all.map((x) => x.symbol).sort()).toEqual([...SYMBOLS].sort());
      for (const ticker of all) {
        const candles = await minutes(ticker.symbol);
        const last = candles.at(-1)!;
        const dayBefore = candles.find((c) => c.time === last.time - DAY_MS)!;
        const inside = candles.filter((c) => c.time > dayBefore.time);
        expect(ticker.last).toBe(last.close);
        expect(ticker.change24hPercent).toBeCloseTo(
          ((last.close - dayBefore.close) / dayBefore.close) * 100,
          9,
        );
        expect(ticker.high24h).toBe(Math.max(...inside.map((c) => c.high)));
        expect(ticker.low24h).toBe(Math.min(...inside.map((c) => c.low)));
      }
    }
  });

  it('is the chat’s 24-hour change and price answer, to the digit', async () => {
    const engine = createChatEngine(
      marketChatTools({
        market: t.app.market,
        streams: t.app.streams,
        analysis: t.app.analysis,
        clock: () => now,
        ticker: (symbol) => t.app.tickers.get(symbol),
      }),
    );
    for (const symbol of ['BTC', 'SOL']) {
      const ticker = (await tickers()).find((x) => x.symbol === `${symbol}/USDT`)!;
      const shown = formatPercent(ticker.change24hPercent);
      const change = await engine.reply(`${symbol} change over the last 24 hours`, undefined);
      expect(change.payload.figures?.find((f) => f.label === 'Change')?.value).toBe(shown);
      const price = await engine.reply(`price of ${symbol}`, undefined);
      expect(price.payload.figures?.find((f) => f.label === 'Change 24 hours')?.value).toBe(shown);
      expect(price.text).toContain(shown);
    }
  });

  it('follows the hour in the sparkline: the closes of the last complete hours', async () => {
    const [ticker] = (await tickers()).filter((x) => x.symbol === 'ETH/USDT');
    const url = `${t.url}/api/candles?symbol=ETH/USDT&timeframe=1h&limit=${SPARKLINE_HOURS + 1}`;
    const hours = unpackCandles(((await (await fetch(url)).json()) as CandlesResponse).candles);
    expect(ticker!.sparkline).toEqual(hours.slice(0, -1).map((h) => h.close));
  });
});
