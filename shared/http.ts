import { z } from 'zod';
import { SymbolSchema, TimeframeSchema, type Timeframe } from './market.ts';
import { MAX_SNAPSHOT_CANDLES, DEFAULT_SNAPSHOT_CANDLES } from './limits.ts';
import type { PackedCandles } from './snapshot.ts';

export const CandlesQuerySchema = z.object({
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_SNAPSHOT_CANDLES, `limit must be at most ${MAX_SNAPSHOT_CANDLES}`)
    .default(DEFAULT_SNAPSHOT_CANDLES),
});
export type CandlesQuery = z.infer<typeof CandlesQuerySchema>;

export const AnalysisQuerySchema = z.object({ symbol: SymbolSchema, timeframe: TimeframeSchema });
export type AnalysisQuery = z.infer<typeof AnalysisQuerySchema>;

export const PredictionsQuerySchema = AnalysisQuerySchema;

/**
 * GET /api/candles: the candles as delta-packed columns, the encoding of the subscribe snapshot
 * (shared/snapshot.ts: unpackCandles gives them back as objects).
 */
export interface CandlesResponse {
  symbol: string;
  timeframe: Timeframe;
  encoding: 'columns/1';
  candles: PackedCandles;
}

export interface SourceInfo {
  /** `replay` or the ccxt exchange id. */
  id: string;
  kind: 'replay' | 'exchange';
  /** What the UI shows so nobody mistakes a replay for the live market. */
  label: string;
}

export interface SymbolInfo {
  symbol: string;
  base: string;
  quote: string;
  /** Decimals to show for prices. */
  pricePrecision: number;
}

export interface SymbolsResponse {
  source: SourceInfo;
  timeframes: Timeframe[];
  symbols: SymbolInfo[];
}

/** GET /healthz (liveness): the process and its event loop answer; it checks nothing else. */
export interface HealthResponse {
  status: 'ok';
}

export interface HealthCheck {
  ok: boolean;
  detail?: string;
  /** True when failing makes the instance unready; false when it only degrades it. */
  required?: boolean;
}

/**
 * GET /readyz (readiness), 200 when `ready`, 503 otherwise. Ready: this instance can serve users now
 * (markets loaded, database answering). `degraded` names what works worse meanwhile without taking
 * the instance out: Redis away, stale streams during an exchange outage.
 */
export interface ReadinessResponse {
  ready: boolean;
  /** One sentence per degradation, e.g. "binance BTC/USDT 1m stale since 2026-11-29T14:02:10Z: …"; empty when none. */
  degraded: string[];
  checks: Record<string, HealthCheck>;
}
