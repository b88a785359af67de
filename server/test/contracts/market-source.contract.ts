import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SymbolSchema, bucketStart, type Candle } from '../../../shared/market.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { isValidCandle } from '../../src/market/candles.ts';
import type { MarketSource } from '../../src/market/port.ts';
import { waitFor } from '../support/wait.ts';

export interface MarketSourceFixture {
  source: MarketSource;
  clock: Clock;
  /** A symbol the source has. */
  symbol: string;
  /**
   * The same market from a source started later, as after a restart or on another instance (the
   * replay's starts in another hour); closed by the suite.
   */
  startAgain?(): Promise<MarketSource>;
  close(): Promise<void>;
}

/** What every market adapter must do, whatever is behind it. */
export function describeMarketSource(name: string, create: () => Promise<MarketSourceFixture>): void {
  describe(`MarketSource contract: ${name}`, () => {
    let f: MarketSourceFixture;
    beforeAll(async () => {
      f = await create();
    });
    afterAll(() => f?.close());

    it('lists symbols written BASE/QUOTE with a price precision', async () => {
      const symbols = await f.source.loadSymbols();
      expect(symbols.length).toBeGreaterThan(0);
      for (const s of symbols) {
        expect(SymbolSchema.safeParse(s.symbol).success).toBe(true);
        expect(s.symbol).toBe(`${s.base}/${s.quote}`);
        expect(s.pricePrecision).toBeGreaterThanOrEqual(0);
      }
    });

    it('serves the latest candles up to the forming one, ascending and aligned', async () => {
      for (const tf of f.source.fetchTimeframes) {
        const before = f.clock();
        const candles = await f.source.fetchCandles(f.symbol, tf, { limit: 50 });
        const after = f.clock();
        expect(candles).toHaveLength(50);
        expect(candles.every(isValidCandle)).toBe(true);
        expect(candles.every((c) => c.time === bucketStart(c.time, tf))).toBe(true);
        expect(candles.every((c, i) => i === 0 || c.time > candles[i - 1]!.time)).toBe(true);
        // The market clock may have moved on while the request was in flight.
        expect(candles.at(-1)!.time).toBeGreaterThanOrEqual(bucketStart(before, tf));
        expect(candles.at(-1)!.time).toBeLessThanOrEqual(bucketStart(after, tf));
      }
    });

    it('serves candles from `since` on', async () => {
      const tf = f.source.fetchTimeframes[0]!;
      const latest = await f.source.fetchCandles(f.symbol, tf, { limit: 30 });
      const since = latest[10]!.time;
      const from = await f.source.fetchCandles(f.symbol, tf, { since, limit: 5 });
      expect(from.map((c) => c.time)).toEqual(latest.slice(10, 15).map((c) => c.time));
    });

    it('streams the forming candle and stops when unsubscribed', async () => {
      const tf = f.source.watchTimeframes[0]!;
      const seen: Candle[] = [];
      const stop = f.source.watchCandles(f.symbol, tf, { onCandle: (c) => seen.push(c) });
      await waitFor(() => seen.length >= 3, 'three candle updates');
      stop();
      const count = seen.length;
      expect(seen.every(isValidCandle)).toBe(true);
      expect(seen.every((c, i) => i === 0 || c.time >= seen[i - 1]!.time)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.length).toBe(count);
    });

    it('serves the same closed candles to a source started later (a restart, another instance)', async (ctx) => {
      if (!f.startAgain) return ctx.skip();
      const again = await f.startAgain();
      try {
        for (const tf of f.source.fetchTimeframes) {
          const first = await f.source.fetchCandles(f.symbol, tf, { limit: 30 });
          const since = first[0]!.time;
          const second = await again.fetchCandles(f.symbol, tf, { since, limit: 29 });
          // The last of the first answer may have been forming; every one before it had closed.
          expect(second).toEqual(first.slice(0, 29));
        }
      } finally {
        await again.close();
      }
    });

    it('rejects a symbol it does not have', async () => {
      await expect(f.source.fetchCandles('NOPE/USDT', '1m', { limit: 5 })).rejects.toThrow(/NOPE\/USDT/);
    });
  });
}
