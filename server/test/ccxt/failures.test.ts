import { afterEach, describe, expect, it } from 'vitest';
import { TIMEFRAME_MS } from '../../../shared/market.ts';
import { startCcxtStack, type CcxtStack } from '../support/ccxt-stack.ts';
import { record } from '../support/recorder.ts';
import { sleep, waitFor } from '../support/wait.ts';

const KLINES = '/api/v3/klines';

describe('ccxt feed against a misbehaving exchange (polling)', () => {
  let stack: CcxtStack;
  afterEach(() => stack?.close());

  const live = async () => {
    stack = await startCcxtStack({ webSocket: false, speed: 60, tickMs: 20 });
    const source = stack.source();
    await source.loadSymbols();
    const feed = record(source, 'BTC/USDT', '1m');
    await waitFor(() => feed.candles.length > 2, 'candles to flow');
    return { source, feed };
  };
  const faulted = (kind: string) => stack.fake.log.filter((r) => r.fault === kind);
  const requestsAfter = (at: number) => stack.fake.log.filter((r) => r.path === KLINES && r.at > at);

  it('honours Retry-After on 429: no request at all until it has passed, then live again', async () => {
    const { feed } = await live();
    stack.fake.inject({ kind: 'rate-limit', retryAfterSec: 2, count: 1, path: KLINES });
    await waitFor(() => faulted('rate-limit').length === 1, 'the 429');
    const limitedAt = faulted('rate-limit')[0]!.at;
    await waitFor(() => feed.statuses.some((s) => s.state !== 'live'), 'a status that says so');
    expect(feed.statuses.find((s) => s.state !== 'live')!.detail).toMatch(/slow down/i);
    await waitFor(() => requestsAfter(limitedAt).length > 0, 'the next request', 5_000);
    expect(requestsAfter(limitedAt)[0]!.at - limitedAt).toBeGreaterThanOrEqual(1_950);
    await waitFor(() => feed.state === 'live', 'live again');
  });

  it('on a 418 ban, every feed of the exchange waits out the Retry-After, not just the one that hit it', async () => {
    const { source } = await live();
    const other = record(source, 'ETH/USDT', '1m');
    await waitFor(() => other.candles.length > 0, 'the second feed');
    stack.fake.inject({ kind: 'ban', retryAfterSec: 3, count: 1, path: KLINES });
    await waitFor(() => faulted('ban').length === 1, 'the 418');
    const bannedAt = faulted('ban')[0]!.at;
    await sleep(2_900);
    // A request already on the wire when the 418 landed is not ours to stop; nothing may start after.
    expect(requestsAfter(bannedAt + 150)).toEqual([]);
    await waitFor(() => requestsAfter(bannedAt).length >= 2, 'both feeds to resume', 5_000);
    await waitFor(() => other.state === 'live', 'the second feed live');
  });

  it('retries 5xx slowly and recovers', async () => {
    const { feed } = await live();
    stack.fake.inject({ kind: 'server-error', count: 3, path: KLINES });
    await waitFor(() => faulted('server-error').length === 3, 'three 503s', 10_000);
    const times = faulted('server-error').map((r) => r.at);
    // "unavailable" backs off from 10 s (scaled ×0.05 here): never the quick retry of a network blip.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(240);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(480);
    expect(feed.statuses.find((s) => s.state !== 'live')!.detail).toMatch(/unavailable/i);
    await waitFor(() => feed.state === 'live', 'live again');
  });

  it.each([
    ['timeout', /timed out/i],
    ['malformed', /malformed|failed/i],
    ['reset', /unreachable|failed|closed|reset|socket/i],
  ] as const)('recovers by itself from %s', async (kind, reason) => {
    const { feed } = await live();
    stack.fake.inject({ kind, count: 2, path: KLINES });
    await waitFor(() => faulted(kind).length === 2, `two ${kind} answers`, 10_000);
    await waitFor(() => feed.statuses.some((s) => s.state !== 'live'), 'a reconnecting status');
    expect(feed.statuses.find((s) => s.state !== 'live')!.detail).toMatch(reason);
    const before = feed.candles.length;
    await waitFor(() => feed.state === 'live' && feed.candles.length > before, 'live again', 10_000);
  });

  it('gives up at once on a request the exchange rejects, and says so', async () => {
    const { feed } = await live();
    stack.fake.inject({ kind: 'invalid-symbol', path: KLINES });
    await waitFor(() => feed.state === 'stale', 'a stale status');
    expect(feed.statuses.at(-1)!.detail).toMatch(/not retrying/);
    const rejectedAt = faulted('invalid-symbol')[0]!.at;
    await sleep(1_000);
    expect(requestsAfter(rejectedAt)).toEqual([]);
    expect(faulted('invalid-symbol')).toHaveLength(1);
  });

  it('polls one request per interval, never faster than asked', async () => {
    await live();
    const from = Date.now();
    await sleep(2_000);
    const polls = requestsAfter(from).length;
    expect(polls).toBeGreaterThanOrEqual(7);
    expect(polls).toBeLessThanOrEqual(11);
  });
});

describe('ccxt feed across outages (WebSocket)', () => {
  let stack: CcxtStack;
  afterEach(() => stack?.close());

  it('goes stale while the exchange is away, and comes back with no missing candle', async () => {
    stack = await startCcxtStack({ speed: 60, tickMs: 20 });
    const source = stack.source();
    await source.loadSymbols();
    const feed = record(source, 'BTC/USDT', '1m');
    await waitFor(() => feed.candles.length > 3, 'candles over the websocket');
    expect(stack.fake.subscriptionCount).toBe(1);

    await stack.fake.stop();
    await waitFor(() => feed.state === 'stale', 'stale', 10_000);
    // Three seconds at 60×: three market minutes pass while the exchange is away.
    await sleep(3_000);
    const lastBefore = feed.candles.at(-1)!.time;
    await stack.fake.restart();
    await waitFor(() => feed.state === 'live', 'live again', 20_000);
    await waitFor(() => feed.candles.at(-1)!.time > lastBefore + 3 * 60_000, 'the missed minutes', 10_000);

    const series = feed.series();
    const step = TIMEFRAME_MS['1m'];
    expect(series.every((c, i) => i === 0 || c.time - series[i - 1]!.time === step)).toBe(true);
    // And the closed candles are exactly the exchange's.
    const truth = (await (
      await fetch(`${stack.fake.url}${KLINES}?symbol=BTCUSDT&interval=1m&limit=50`)
    ).json()) as unknown[][];
    const closed = new Map(truth.slice(0, -2).map((k) => [k[0] as number, Number(k[4])]));
    for (const c of series) if (closed.has(c.time)) expect(c.close).toBe(closed.get(c.time));
  });

  it('resubscribes after a dropped WebSocket and fills what it missed', async () => {
    stack = await startCcxtStack({ speed: 60, tickMs: 20 });
    const source = stack.source();
    await source.loadSymbols();
    const feed = record(source, 'ETH/USDT', '1m');
    await waitFor(() => feed.candles.length > 3, 'candles over the websocket');
    stack.fake.dropWebSockets();
    await waitFor(() => stack.fake.subscriptionCount === 2, 'a new subscription', 10_000);
    const n = feed.candles.length;
    await waitFor(() => feed.candles.length > n + 3 && feed.state === 'live', 'candles again', 10_000);
    const series = feed.series();
    expect(series.every((c, i) => i === 0 || c.time - series[i - 1]!.time === 60_000)).toBe(true);
  });

  it('falls back to polling by itself when the REST address has no WebSocket', async () => {
    stack = await startCcxtStack({ speed: 60, tickMs: 20, webSocket: false });
    const source = stack.source();
    await source.loadSymbols();
    const feed = record(source, 'BNB/USDT', '1m');
    await waitFor(() => feed.candles.length > 3, 'candles by polling', 10_000);
    expect(feed.statuses.filter((s) => s.state !== 'live')).toEqual([]);
  });
});
