import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/market.ts';
import { silentLogger } from '../../kernel/logger.ts';
import { createReplaySource, type ReplaySource } from './replay-source.ts';

const M = 60_000;
const H = 3_600_000;

const waitUntil = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
};

/** A clock a test sets by hand: the time a source reads when it is created, and every time after. */
function settableClock(start: number) {
  const clock = () => clock.now;
  clock.now = start;
  return clock;
}

describe('replay: the same minute is the same candle wherever and whenever the source started', () => {
  const sources: ReplaySource[] = [];
  afterEach(async () => {
    await Promise.all(sources.splice(0).map((s) => s.close()));
  });
  const startAt = async (time: number) => {
    const clock = settableClock(time);
    const source = await createReplaySource({
      clock,
      tickMs: 5,
      logger: silentLogger,
      symbols: ['BTC/USDT'],
    });
    sources.push(source);
    return { clock, source };
  };
  const firstUpdate = (source: ReplaySource) =>
    new Promise<Candle>((resolve) => {
      const stop = source.watchCandles('BTC/USDT', '1m', {
        onCandle: (c) => {
          stop();
          resolve(c);
        },
      });
    });

  it('two instances started hours apart serve identical history and the same forming candle', async () => {
    const now = Date.UTC(2026, 10, 22, 15, 53, 24);
    const a = await startAt(now - 5 * H - 17 * M);
    const b = await startAt(now - 2 * M);
    a.clock.now = b.clock.now = now;

    for (const timeframe of ['1m', '1h', '1d'] as const) {
      const fromA = await a.source.fetchCandles('BTC/USDT', timeframe, { limit: 500 });
      const fromB = await b.source.fetchCandles('BTC/USDT', timeframe, { limit: 500 });
      expect(fromA).toHaveLength(500);
      expect(fromB).toEqual(fromA);
    }
    expect(await firstUpdate(b.source)).toEqual(await firstUpdate(a.source));
  });

  it('a restart that crosses an hour leaves the candles before it as they were', async () => {
    const before = Date.UTC(2026, 10, 22, 15, 54, 10);
    const first = await startAt(before);
    const seen = await first.source.fetchCandles('BTC/USDT', '1m', { limit: 60 });
    await first.source.close();

    const restarted = await startAt(before + 23 * M);
    const again = await restarted.source.fetchCandles('BTC/USDT', '1m', { since: seen[0]!.time, limit: 59 });
    // All but the minute that was still forming before the restart.
    expect(again).toEqual(seen.slice(0, 59));
  });

  it('closes every minute a live feed passes on the candle history serves for it', async () => {
    const start = Date.UTC(2026, 10, 22, 9, 58, 30);
    const minute = start - 30_000;
    const live = await startAt(start);
    const updates: Candle[] = [];
    const stop = live.source.watchCandles('BTC/USDT', '1m', { onCandle: (c) => updates.push(c) });
    await waitUntil(() => updates.length > 0);
    updates.length = 0;
    live.clock.now = start + 4 * M;
    // The tick closes the four minutes passed, then forms the fifth.
    await waitUntil(() => updates.length >= 5);
    stop();

    const other = await startAt(start + 3 * H);
    other.clock.now = start + 4 * M;
    const history = await other.source.fetchCandles('BTC/USDT', '1m', { since: minute, limit: 4 });
    expect(updates.slice(0, 4)).toEqual(history);
    expect(history.map((c) => c.time)).toEqual([0, 1, 2, 3].map((i) => minute + i * M));
  });
});
