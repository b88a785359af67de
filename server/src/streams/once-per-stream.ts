import { streamKey, type Timeframe } from '../../../shared/market.ts';

/**
 * Runs a stream's refresh unless one is already running for it: a candle close and the minute timer
 * landing together must not compute the same thing twice.
 */
export class OncePerStream {
  private readonly running = new Set<string>();

  run(symbol: string, timeframe: Timeframe, work: () => Promise<void>): void {
    const key = streamKey(symbol, timeframe);
    if (this.running.has(key)) return;
    this.running.add(key);
    work().finally(() => this.running.delete(key));
  }
}
