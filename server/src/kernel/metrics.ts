import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance, served at GET /metrics. */
export interface Metrics {
  registry: Registry;
  upstreamRequests: Counter<'exchange' | 'endpoint'>;
  analysisComputations: Counter<'symbol' | 'timeframe'>;
  forecastsIssued: Counter;
  forecastsScored: Counter;
  alertClaims: Counter<'outcome'>;
  alertWebhookDeliveries: Counter<'outcome'>;
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
  const alertClaims = new Counter({
    name: 'trendscope_alert_claims_total',
    help: 'Alert crossings this instance tried to record: won (it fired them) or lost (another instance had)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const alertWebhookDeliveries = new Counter({
    name: 'trendscope_alert_webhook_deliveries_total',
    help: 'Webhook delivery attempts of alert triggers: sent, retry (failed, tried again later) or failed (gave up)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    upstreamRequests,
    analysisComputations,
    forecastsIssued,
    forecastsScored,
    alertClaims,
    alertWebhookDeliveries,
  };
}
