import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance, served at GET /metrics. */
export interface Metrics {
  registry: Registry;
  upstreamRequests: Counter<'exchange' | 'endpoint'>;
  analysisComputations: Counter<'symbol' | 'timeframe'>;
  forecastsIssued: Counter;
  forecastsScored: Counter;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'trendscope_' });
  const upstreamRequests = new Counter({
    name: 'trendscope_upstream_requests_total',
    help: 'Requests made to the market source, per exchange and endpoint (REST path, or ws:<channel> per subscription)',
    labelNames: ['exchange', 'endpoint'] as const,
    registers: [registry],
  });
  const analysisComputations = new Counter({
    name: 'trendscope_analysis_computations_total',
    help: 'Full analyses computed by this instance (cache misses that won the lock), per stream',
    labelNames: ['symbol', 'timeframe'] as const,
    registers: [registry],
  });
  const forecastsIssued = new Counter({
    name: 'trendscope_forecasts_issued_total',
    help: 'Forecasts fitted by this instance (cache misses that won the lock)',
    registers: [registry],
  });
  const forecastsScored = new Counter({
    name: 'trendscope_forecasts_scored_total',
    help: 'Stored forecasts this instance scored against the actual close',
    registers: [registry],
  });
  return { registry, upstreamRequests, analysisComputations, forecastsIssued, forecastsScored };
}
