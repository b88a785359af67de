import { Router } from 'express';
import {
  AnalysisQuerySchema,
  CandlesQuerySchema,
  PredictionsQuerySchema,
  type CandlesResponse,
  type SymbolsResponse,
} from '../../../../shared/http.ts';
import type { AnalysisService } from '../../analysis/analysis-service.ts';
import { bucketStart } from '../../../../shared/market.ts';
import type { Cached } from '../../cache/cached.ts';
import type { Clock } from '../../clock.ts';
import type { MarketService } from '../../market/market-service.ts';
import type { StreamHub } from '../../realtime/stream-hub.ts';
import type { PredictionService } from '../../predict/prediction-service.ts';
import { AppError } from '../../errors.ts';
import { parsePayload } from '../../validation.ts';

/** How long a cold stream's candles are reused: keeps HTTP pollers off the exchange. */
const COLD_CANDLES_TTL_MS = 60_000;

export function marketRoutes(deps: {
  market: MarketService;
  hub: StreamHub;
  cached: Cached;
  clock: Clock;
  analysis: AnalysisService;
  predictions: PredictionService;
}): Router {
  const { market, hub, cached, clock, analysis, predictions } = deps;
  const router = Router();

  router.get('/api/symbols', (_req, res) => {
    res.json({
      source: market.info,
      timeframes: market.timeframes(),
      symbols: market.symbols(),
    } satisfies SymbolsResponse);
  });

  router.get('/api/candles', async (req, res) => {
    const { symbol, timeframe, limit } = parsePayload(CandlesQuerySchema, req.query);
    market.assertStream(symbol, timeframe);
    // A stream someone watches is fresh in memory; otherwise serve from the one-minute cache.
    const candles =
      hub.latest(symbol, timeframe, limit) ??
      (await cached.getOrCompute(
        `candles:${market.info.id}:${symbol}:${timeframe}:${limit}:${bucketStart(clock(), '1m')}`,
        COLD_CANDLES_TTL_MS,
        () => market.history(symbol, timeframe, { limit }),
      ));
    res.json({ symbol, timeframe, candles } satisfies CandlesResponse);
  });

  router.get('/api/analysis', async (req, res) => {
    const { symbol, timeframe } = parsePayload(AnalysisQuerySchema, req.query);
    res.json((await analysis.get(symbol, timeframe)).analysis);
  });

  router.get('/api/predictions', async (req, res) => {
    const { symbol, timeframe } = parsePayload(PredictionsQuerySchema, req.query);
    const { prediction } = await predictions.get(symbol, timeframe);
    if (!prediction)
      throw new AppError('NOT_FOUND', `Not enough closed candles of ${symbol} ${timeframe} to forecast yet`);
    res.json(prediction);
  });

  return router;
}
