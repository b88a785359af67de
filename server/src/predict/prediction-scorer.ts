import { TIMEFRAME_MS, TimeframeSchema, type Candle } from '../../../shared/market.ts';
import { MAX_SNAPSHOT_CANDLES } from '../../../shared/protocol.ts';
import type { Clock } from '../kernel/clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Logger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import type { Streams } from '../streams/port.ts';
import { duePredictions, scoreOnce, type DuePrediction } from './prediction-repository.ts';
import { scorePrediction } from './score.ts';

/**
 * Scores every stored forecast whose target candle has closed, from the actual candles. It works
 * from the database, not from memory, so forecasts issued before a restart are scored after it; and
 * scoreOnce makes sure each is scored once, however many instances run this.
 */
export class PredictionScorer {
  constructor(
    private readonly deps: {
      market: MarketService;
      streams: Pick<Streams, 'recent'>;
      database: DatabaseHandle;
      clock: Clock;
      logger: Logger;
      onScored?: (count: number) => void;
    },
  ) {}

  /** Scores what is due; returns how many this call scored. */
  async scoreDue(): Promise<number> {
    const { market, database, clock } = this.deps;
    const now = clock();
    const due = (await duePredictions(database.db, market.info.id, now - TIMEFRAME_MS['1m'])).filter(
      (p) => p.targetTime + TIMEFRAME_MS[TimeframeSchema.parse(p.timeframe)] <= now,
    );
    const byStream = new Map<string, DuePrediction[]>();
    for (const p of due) {
      const key = `${p.symbol}@${p.timeframe}`;
      byStream.set(key, [...(byStream.get(key) ?? []), p]);
    }
    let count = 0;
    for (const group of byStream.values()) count += await this.scoreStream(group);
    if (count > 0) this.deps.onScored?.(count);
    return count;
  }

  private async scoreStream(due: DuePrediction[]): Promise<number> {
    const { market, streams, database, clock, logger } = this.deps;
    const { symbol } = due[0]!;
    const timeframe = TimeframeSchema.parse(due[0]!.timeframe);
    if (!market.symbols().some((s) => s.symbol === symbol)) return 0;
    const first = Math.min(...due.map((p) => p.targetTime));
    const closes = new Map<number, number>();
    const add = (candles: readonly Candle[]) => {
      for (const c of candles) closes.set(c.time, c.close);
    };
    const step = TIMEFRAME_MS[timeframe];
    // The recent candles hold every target of a live stream; older ones come from the market's history.
    const sinceFirst = Math.ceil((clock() - first) / step) + 1;
    add(await streams.recent(symbol, timeframe, Math.min(sinceFirst, MAX_SNAPSHOT_CANDLES)));
    if (due.some((p) => !closes.has(p.targetTime))) {
      const span = Math.max(...due.map((p) => p.targetTime)) - first;
      add(await market.history(symbol, timeframe, { since: first, limit: Math.ceil(span / step) + 1 }));
    }
    let count = 0;
    for (const p of due) {
      const actual = closes.get(p.targetTime);
      if (actual === undefined) {
        // The market has no candle there (a gap in its history): nothing honest to score against.
        logger.debug({ id: p.id, symbol, timeframe, target: p.targetTime }, 'no candle to score against yet');
        continue;
      }
      if (await scoreOnce(database.db, p, scorePrediction(p.result.forecast, p.result.direction, actual)))
        count++;
    }
    return count;
  }
}
