import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketStart } from '../../../shared/market.ts';
import { SPARKLINE_HOURS, type TickerUpdate } from '../../../shared/tickers.ts';
import { silentLogger } from '../kernel/logger.ts';
import { MarketService } from '../market/market-service.ts';
import { createReplaySource, type ReplaySource } from '../market/replay/replay-source.ts';
import type { TickerHandlers, TickerQuote, TickerSource } from './port.ts';
import { TickerService } from './ticker-service.ts';

/** An upstream the test drives: it counts the feeds opened and pushes what the test says. */
class ScriptedSource implements TickerSource {
  opened = 0;
  open = 0;
  handlers?: TickerHandlers;

  watch(_symbols: readonly string[], handlers: TickerHandlers) {
    this.opened++;
    this.open++;
    this.handlers = handlers;
    return () => {
      this.open--;
    };
  }
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('TickerService', () => {
  let now = Date.UTC(2026, 2, 14, 15, 20);
  let replay: ReplaySource;
  let market: MarketService;
  beforeAll(async () => {
    replay = await createReplaySource({ clock: () => now, tickMs: 60_000, logger: silentLogger });
    market = new MarketService(replay, () => now, silentLogger);
    await market.start();
  });
  afterAll(() => replay.close());

  const start = () => {
    const source = new ScriptedSource();
    const service = new TickerService({
      market,
      source,
      clock: () => now,
      logger: silentLogger,
      pushIntervalMs: 20,
      lingerMs: 50,
    });
    const pushes: TickerUpdate[][] = [];
    service.onUpdates((updates) => pushes.push(updates));
    return { source, service, pushes };
  };
  const quote = (last: number, symbol = 'BTC/USDT'): TickerQuote => ({
    symbol,
    last,
    change24hPercent: 1,
    high24h: last + 10,
    low24h: last - 10,
    time: now,
  });

  it('opens one upstream for every holder, pushes a sparkline only when it changes, and nothing twice', async () => {
    const { source, service, pushes } = start();
    const release = [service.hold(), service.hold(), service.hold()];
    expect(source.opened).toBe(1);

    source.handlers!.onQuotes([quote(50_000)]);
    await until(() => pushes.some((p) => p[0]?.sparkline?.length === SPARKLINE_HOURS), 'the sparkline');
    const count = pushes.length;
    source.handlers!.onQuotes([quote(50_000)]);
    source.handlers!.onQuotes([quote(50_100)]);
    await until(() => pushes.length > count, 'the next push');
    expect(pushes.slice(count)).toEqual([[expect.objectContaining({ last: 50_100 })]]);
    expect(pushes.at(-1)![0]).not.toHaveProperty('sparkline');

    // The hour turns: the sparkline moves on by one close, and goes out again.
    now = bucketStart(now, '1h') + 3_600_000 + 5_000;
    source.handlers!.onQuotes([quote(50_200)]);
    await until(() => pushes.at(-1)![0]?.sparkline !== undefined, 'the next hour’s sparkline');
    service.close();
    for (const r of release) r();
    expect(source.open).toBe(0);
  });

  it('marks figures stale while the source says so, keeping them, and fresh again with the next', async () => {
    const { source, service, pushes } = start();
    const release = service.hold();
    source.handlers!.onQuotes([quote(3_000, 'ETH/USDT')]);
    await until(() => pushes.length > 0, 'a push');
    source.handlers!.onStatus(['ETH/USDT', 'BTC/USDT'], { state: 'stale', detail: 'binance unreachable' });
    await until(() => pushes.at(-1)![0]?.stale === true, 'a stale push');
    expect(pushes.at(-1)).toEqual([
      expect.objectContaining({ symbol: 'ETH/USDT', last: 3_000, stale: true }),
    ]);
    expect((await service.snapshot(['ETH/USDT']))[0]).toMatchObject({ last: 3_000, stale: true });

    source.handlers!.onQuotes([quote(3_000, 'ETH/USDT')]);
    await until(() => pushes.at(-1)![0]?.stale === undefined, 'a fresh push');
    release();
    service.close();
  });

  it('waits for the first figures of an upstream a read opens, then lets it linger and close, figures and all', async () => {
    const { source, service } = start();
    const read = service.snapshot(['SOL/USDT']);
    await until(() => source.handlers !== undefined, 'the upstream to open');
    source.handlers!.onQuotes([quote(40, 'SOL/USDT')]);
    expect(await read).toEqual([expect.objectContaining({ symbol: 'SOL/USDT', last: 40 })]);
    expect(source.open).toBe(1);
    await until(() => source.open === 0, 'the upstream to close');

    // Nothing kept from before: a new read waits for new figures, and says so when none come.
    const again = new TickerService({
      market,
      source,
      clock: () => now,
      logger: silentLogger,
      firstFiguresWaitMs: 30,
    });
    await expect(again.snapshot(['SOL/USDT'])).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    await expect(again.snapshot(['DOGE/USDT'])).rejects.toMatchObject({ code: 'UNKNOWN_SYMBOL' });
    again.close();
    service.close();
  });
});
