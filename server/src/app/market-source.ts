import type { Config } from '../kernel/config.ts';
import { systemClock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Metrics } from '../kernel/metrics.ts';
import type { MarketSource } from '../market/port.ts';
import type { TickerSource } from '../tickers/port.ts';

/** The market source, and the exchange's own tickers where it has them (else createApp computes them). */
export interface MarketSources {
  source: MarketSource;
  tickerSource?: TickerSource;
}

/**
 * The configured market source. Each adapter is imported only when chosen: ccxt alone costs seconds
 * and ~90 MB to load, which a replay never needs.
 */
export async function createMarketSource(
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Promise<MarketSources> {
  switch (config.marketSource) {
    case 'replay': {
      const { createReplaySource } = await import('../market/replay/replay-source.ts');
      return {
        source: await createReplaySource({ clock: systemClock, tickMs: config.replayTickMs, logger }),
      };
    }
    case 'ccxt': {
      const [{ CcxtSource }, { createCcxtExchange }, { RateGate }, { CcxtTickerSource, hasTickers }] =
        await Promise.all([
          import('../market/ccxt/ccxt-source.ts'),
          import('../market/ccxt/create-exchange.ts'),
          import('../market/rate-gate.ts'),
          import('../tickers/ccxt/ccxt-ticker-source.ts'),
        ]);
      const gate = new RateGate(systemClock);
      const count = (endpoint: string) =>
        metrics.upstreamRequests.inc({ exchange: config.exchange, endpoint });
      const exchange = createCcxtExchange({
        exchangeId: config.exchange,
        apiUrl: config.exchangeApiUrl,
        wsUrl: config.exchangeWsUrl,
        timeoutMs: config.exchangeTimeoutMs,
        onRequest: count,
        onRetryAfter: (ms) => gate.block(ms),
      });
      const source = new CcxtSource({
        exchange,
        symbols: config.symbols,
        pollIntervalMs: config.pollIntervalMs,
        clock: systemClock,
        logger,
        gate,
        onWebSocketSubscribe: count,
      });
      // One client for both: the markets are loaded once and every request waits at the same gate.
      const tickerSource = hasTickers(exchange)
        ? new CcxtTickerSource({
            exchange,
            gate,
            pollIntervalMs: config.pollIntervalMs,
            clock: systemClock,
            logger,
            onWebSocketSubscribe: count,
          })
        : undefined;
      return { source, tickerSource };
    }
  }
}
