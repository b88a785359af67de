import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import { CandleTickerSource } from '../tickers/candle-ticker-source.ts';
import type { TickerSource } from '../tickers/port.ts';
import { TickerService } from '../tickers/ticker-service.ts';

/**
 * The tickers: from the exchange's own when the market source has them (ccxt, built in main.ts),
 * else computed from each symbol's 1m candles (the replay).
 */
export function createTickers(deps: {
  market: MarketService;
  source?: TickerSource;
  clock: Clock;
  logger: Logger;
  lingerMs?: number;
}): TickerService {
  const { market, clock, logger } = deps;
  return new TickerService({
    market,
    source: deps.source ?? new CandleTickerSource(market, clock, logger),
    clock,
    logger,
    lingerMs: deps.lingerMs,
  });
}
