import { bucketStart } from '../../../shared/market.ts';
import { SPARKLINE_HOURS } from '../../../shared/tickers.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';

const RETRY_MS = 60_000;

interface Closes {
  /** The hour these closes end before: refreshed once the clock has moved into the next one. */
  hour: number;
  closes: number[];
}

/**
 * The closes of each symbol's last complete hours, for the tickers' sparklines: one small history
 * read per symbol and hour, one symbol at a time, so an exchange offering hundreds of markets is
 * asked politely rather than all at once.
 */
export class HourlyCloses {
  private readonly bySymbol = new Map<string, Closes>();
  private readonly retryAt = new Map<string, number>();
  private readonly queued = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      market: MarketService;
      clock: Clock;
      logger: Logger;
      /** A symbol's closes were read (or could not be, for now). */
      onRead: (symbol: string, changed: boolean) => void;
    },
  ) {}

  get(symbol: string): number[] | undefined {
    return this.bySymbol.get(symbol)?.closes;
  }

  /** Whether a first read of the symbol has been tried, whatever came of it. */
  tried(symbol: string): boolean {
    return this.bySymbol.has(symbol) || this.retryAt.has(symbol);
  }

  /** Reads again the closes of every symbol whose last hour has ended. */
  refresh(symbols: readonly string[]): void {
    const now = this.deps.clock();
    const hour = bucketStart(now, '1h');
    for (const symbol of symbols) {
      if (this.queued.has(symbol) || this.bySymbol.get(symbol)?.hour === hour) continue;
      if ((this.retryAt.get(symbol) ?? 0) > now) continue;
      this.queued.add(symbol);
      this.queue = this.queue.then(() => this.read(symbol));
    }
  }

  private async read(symbol: string): Promise<void> {
    const hour = bucketStart(this.deps.clock(), '1h');
    try {
      const candles = await this.deps.market.history(symbol, '1h', { limit: SPARKLINE_HOURS + 1 });
      const closes = candles
        .filter((c) => c.time < hour)
        .slice(-SPARKLINE_HOURS)
        .map((c) => c.close);
      const before = this.bySymbol.get(symbol)?.closes;
      this.bySymbol.set(symbol, { hour, closes });
      this.retryAt.delete(symbol);
      this.deps.onRead(symbol, !sameNumbers(before, closes));
    } catch (err) {
      this.deps.logger.warn({ err, symbol }, 'could not read the hourly closes of a ticker');
      this.retryAt.set(symbol, this.deps.clock() + RETRY_MS);
      this.deps.onRead(symbol, false);
    } finally {
      this.queued.delete(symbol);
    }
  }
}

function sameNumbers(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
