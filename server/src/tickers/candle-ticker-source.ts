import type { Candle } from '../../../shared/market.ts';
import { DAY_MS } from '../../../shared/tickers.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import type { Unsubscribe } from '../market/port.ts';
import type { TickerHandlers, TickerSource } from './port.ts';
import { rollingDay } from './rolling-day.ts';

/** A day of minutes and the one before it, whose close the change is measured from. */
const DAY_MINUTES = DAY_MS / 60_000 + 1;
const HISTORY_RETRY_MS = 10_000;

/** The 1m candles of the last day: the forming one last, and the minute the day is measured from. */
class MinuteWindow {
  candles: Candle[] = [];

  push(candle: Candle): void {
    const last = this.candles.at(-1);
    if (!last || candle.time > last.time) this.candles.push(candle);
    else if (candle.time === last.time) this.candles[this.candles.length - 1] = candle;
    this.trim();
  }

  /** The history arrives after the feed has started: it goes before what the feed brought. */
  prepend(history: readonly Candle[]): void {
    const first = this.candles[0];
    this.candles = [...history.filter((c) => !first || c.time < first.time), ...this.candles];
    this.trim();
  }

  private trim(): void {
    const newest = this.candles.at(-1)?.time ?? 0;
    let drop = 0;
    while (drop < this.candles.length - 1 && this.candles[drop + 1]!.time <= newest - DAY_MS) drop++;
    if (drop > 0) this.candles.splice(0, drop);
  }
}

/**
 * Tickers computed from each symbol's 1m candles: the replay's, from the tape it already plays, so
 * every instance and every restart agree on them (and an exchange's without tickers of its own).
 * One 1m feed per symbol, the very one the charts of that symbol's 1m stream share.
 */
export class CandleTickerSource implements TickerSource {
  constructor(
    private readonly market: MarketService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  watch(symbols: readonly string[], handlers: TickerHandlers): Unsubscribe {
    const stops = symbols.map((symbol) => this.follow(symbol, handlers));
    return () => {
      for (const stop of stops) stop();
    };
  }

  private follow(symbol: string, handlers: TickerHandlers): Unsubscribe {
    const day = new MinuteWindow();
    let loaded = false;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;

    const publish = () => {
      const figures = loaded ? rollingDay(day.candles) : undefined;
      if (!figures || stopped) return;
      const { reference: _reference, ...quote } = figures;
      handlers.onQuotes([{ symbol, ...quote, time: this.clock() }]);
    };
    const unwatch = this.market.watch(symbol, '1m', {
      onCandle: (candle) => {
        day.push(candle);
        publish();
      },
      onStatus: (status) => handlers.onStatus([symbol], status),
    });
    // Until the day before the feed is in, a change would be measured from the wrong price.
    const load = () => {
      this.market.history(symbol, '1m', { limit: DAY_MINUTES }).then(
        (history) => {
          day.prepend(history);
          loaded = true;
          publish();
        },
        (err: unknown) => {
          if (stopped) return;
          this.logger.warn({ err, symbol }, 'could not load the last day of candles for the ticker');
          retry = setTimeout(load, HISTORY_RETRY_MS);
        },
      );
    };
    load();
    return () => {
      stopped = true;
      clearTimeout(retry);
      unwatch();
    };
  }
}
