import type { CandlesResponse } from '../../../shared/http.ts';
import type { Candle, Timeframe } from '../../../shared/market.ts';
import { unpackCandles } from '../../../shared/snapshot.ts';
import { requestJson } from './request.ts';

export interface OlderCandlesQuery {
  symbol: string;
  timeframe: Timeframe;
  /** Open time (ms) of the chart's first candle: only candles opening before it come back. */
  before: number;
  limit: number;
}

/** GET /api/candles with `before`: the page of candles before the chart's first, oldest first. */
export async function fetchOlderCandles(query: OlderCandlesQuery): Promise<Candle[]> {
  const params = new URLSearchParams({
    symbol: query.symbol,
    timeframe: query.timeframe,
    before: String(query.before),
    limit: String(query.limit),
  });
  const body = await requestJson<CandlesResponse>('GET', `/api/candles?${params.toString()}`);
  return unpackCandles(body.candles);
}
