import { FakeBinance, type FakeBinanceOptions } from '../../../scripts/fake-exchange/binance-server.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { CcxtSource, type CcxtSourceOptions } from '../../src/market/ccxt/ccxt-source.ts';
import { createCcxtExchange } from '../../src/market/ccxt/create-exchange.ts';
import { RateGate } from '../../src/market/rate-gate.ts';
import { createMetrics, type Metrics } from '../../src/kernel/metrics.ts';
import { CcxtTickerSource, type CcxtTickerSourceOptions } from '../../src/tickers/ccxt/ccxt-ticker-source.ts';
import { fastClock } from './clock.ts';

export interface CcxtStack {
  fake: FakeBinance;
  clock: Clock;
  metrics: Metrics;
  /** A fresh ccxt source against the fake exchange; several may share one fake, like instances do. */
  source(overrides?: Partial<CcxtSourceOptions> & { timeoutMs?: number; webSocketUrl?: string }): CcxtSource;
  /** The exchange's own tickers, through the same client as `source` (the last one made), as main.ts does. */
  tickers(overrides?: Partial<CcxtTickerSourceOptions>): CcxtTickerSource;
  close(): Promise<void>;
}

/** The local Binance with ccxt pointed at it through EXCHANGE_API_URL-style overrides. */
export async function startCcxtStack(
  options: FakeBinanceOptions & { speed?: number } = {},
): Promise<CcxtStack> {
  const clock = options.clock ?? fastClock(options.speed ?? 1);
  const fake = await FakeBinance.start({ ...options, clock });
  const metrics = createMetrics({ defaultMetrics: false });
  const sources: CcxtSource[] = [];
  const clients: Array<Pick<CcxtTickerSourceOptions, 'exchange' | 'gate'>> = [];
  return {
    fake,
    clock,
    metrics,
    source(overrides = {}) {
      const gate = new RateGate();
      const exchange = createCcxtExchange({
        exchangeId: 'binance',
        apiUrl: fake.url,
        wsUrl: overrides.webSocketUrl,
        timeoutMs: overrides.timeoutMs ?? 2_000,
        onRequest: (endpoint) => metrics.upstreamRequests.inc({ exchange: 'binance', endpoint }),
        onRetryAfter: (ms) => gate.block(ms),
      });
      const source = new CcxtSource({
        exchange,
        symbols: ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'],
        pollIntervalMs: 200,
        clock,
        logger: silentLogger,
        gate,
        staleAfterMs: 1_500,
        silenceMs: 5_000,
        backoffScale: 0.05,
        ...overrides,
      });
      sources.push(source);
      clients.push({ exchange, gate });
      return source;
    },
    tickers(overrides = {}) {
      const client = clients.at(-1);
      if (!client) throw new Error('make the market source first: the tickers share its client');
      return new CcxtTickerSource({
        ...client,
        pollIntervalMs: 200,
        clock,
        logger: silentLogger,
        staleAfterMs: 1_500,
        silenceMs: 5_000,
        backoffScale: 0.05,
        onWebSocketSubscribe: (channel) =>
          metrics.upstreamRequests.inc({ exchange: 'binance', endpoint: channel }),
        ...overrides,
      });
    },
    async close() {
      await Promise.all(sources.map((s) => s.close()));
      await fake.close();
    },
  };
}
