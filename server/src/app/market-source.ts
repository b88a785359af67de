import type { Config } from '../kernel/config.ts';
import { systemClock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Metrics } from '../kernel/metrics.ts';
import type { MarketSource } from '../market/port.ts';

/**
 * The configured market source. Each adapter is imported only when chosen: ccxt alone costs seconds
 * and ~90 MB to load, which a replay never needs.
 */
export async function createMarketSource(
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Promise<MarketSource> {
  switch (config.marketSource) {
    case 'replay': {
      const { createReplaySource } = await import('../market/replay/replay-source.ts');
      return createReplaySource({ clock: systemClock, tickMs: config.replayTickMs, logger });
    }
    case 'ccxt': {
      const [{ CcxtSource }, { createCcxtExchange }, { RateGate }] = await Promise.all([
        import('../market/ccxt/ccxt-source.ts'),
        import('../market/ccxt/create-exchange.ts'),
        import('../market/rate-gate.ts'),
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
      return new CcxtSource({
        exchange,
        symbols: config.symbols,
        pollIntervalMs: config.pollIntervalMs,
        clock: systemClock,
        logger,
        gate,
        onWebSocketSubscribe: count,
      });
    }
  }
}
