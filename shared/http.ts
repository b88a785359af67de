import { z } from 'zod';
import { SymbolSchema, TimeframeSchema, type Timeframe } from './market.ts';
import { MAX_SNAPSHOT_CANDLES, DEFAULT_SNAPSHOT_CANDLES } from './limits.ts';
import type { PackedCandles } from './snapshot.ts';

/** The last millisecond a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

export const CandlesQuerySchema = z.object({
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_SNAPSHOT_CANDLES, `limit must be at most ${MAX_SNAPSHOT_CANDLES}`)
    .default(DEFAULT_SNAPSHOT_CANDLES),
  /**
   * Pages back in time: only candles that open before this time (unix ms, exclusive), the `limit`
   * newest of them. A chart passes its first candle's time to load the page before it.
   */
  before: z.coerce
    .number({ error: 'before must be a time in unix milliseconds' })
    .int('before must be a whole number of milliseconds')
    .positive('before must be a time after 1970 in unix milliseconds')
    // The largest time a JavaScript Date holds: anything later is a typo or seconds times 1000 too much.
    .max(MAX_DATE_MS, 'before must be a time before the year 275760 in unix milliseconds')
    .optional(),
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
