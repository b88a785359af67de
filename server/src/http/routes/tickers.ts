import { Router } from 'express';
import type { Ticker } from '../../../../shared/tickers.ts';
import type { TickerService } from '../../tickers/ticker-service.ts';

/** GET /api/tickers: every offered symbol's ticker, the figures the watchlist and the header show. */
export function tickerRoutes(tickers: TickerService): Router {
  const router = Router();
  router.get('/api/tickers', async (_req, res) => {
    res.json((await tickers.snapshot()) satisfies Ticker[]);
  });
  return router;
}
