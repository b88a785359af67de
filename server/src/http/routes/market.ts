import { Router } from 'express';
import {
  AnalysisQuerySchema,
  CandlesQuerySchema,
  PredictionsQuerySchema,
  type CandlesResponse,
  type SymbolsResponse,
} from '../../../../shared/http.ts';
import type { AnalysisService } from '../../analysis/analysis-service.ts';
import { packCandles } from '../../../../shared/snapshot.ts';
import type { MarketService } from '../../market/market-service.ts';
import type { Streams } from '../../streams/port.ts';
import type { PredictionService } from '../../predict/prediction-service.ts';
import { AppError } from '../../kernel/errors.ts';
import { parsePayload } from '../../kernel/validation.ts';

export function marketRoutes(deps: {
  market: MarketService;
  streams: Streams;
  analysis: AnalysisService;
  predictions: PredictionService;
}): Router {
  const { market, streams, analysis, predictions } = deps;
  const router = Router();

  router.get('/api/symbols', (_req, res) => {
    res.json({
      source: market.info,
      timeframes: market.timeframes(),
      symbols: market.symbols(),
    } satisfies SymbolsResponse);
  });

  router.get('/api/candles', async (req, res) => {
    const { symbol, timeframe, limit, before } = parsePayload(CandlesQuerySchema, req.query);
    const candles = packCandles(
      before === undefined
        ? await streams.recent(symbol, timeframe, limit)
        : await streams.older(symbol, timeframe, before, limit),
    );
    // Express answers with a weak ETag of the body, and 304 to an If-None-Match that still matches.
    res.json({ symbol, timeframe, encoding: 'columns/1', candles } satisfies CandlesResponse);
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
