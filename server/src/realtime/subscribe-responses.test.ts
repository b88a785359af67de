import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import { decodeSubscribeResponse } from '../../../shared/snapshot.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import { analyze } from '../analysis/analyze.ts';
import { silentLogger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import type { PredictionService } from '../predict/prediction-service.ts';
import type { StreamSnapshot } from '../streams/stream-hub.ts';
import { SubscribeResponses, type BuiltResponse } from './subscribe-responses.ts';

const MINUTE = 60_000;
const NOW = Date.UTC(2024, 0, 1, 12, 0, 30);
const gunzipText = async (bytes: Uint8Array) => (await promisify(gunzip)(bytes)).toString('utf8');

const candles: Candle[] = Array.from({ length: 80 }, (_, i) => {
  const close = 100 + Math.sin(i / 5) * 3;
  return {
    time: NOW - (80 - i) * MINUTE,
    open: close - 0.5,
    high: close + 1,
    low: close - 1,
    close,
    volume: 10,
  };
});
const snapshot: StreamSnapshot = {
  symbol: 'BTC/USDT',
  timeframe: '1m',
  mode: 'snapshot',
  candles,
  status: { source: 'replay', symbol: 'BTC/USDT', timeframe: '1m', state: 'live' },
  revision: 7,
};
const analysis = analyze(candles, {
  symbol: 'BTC/USDT',
  timeframe: '1m',
  source: 'replay',
  pricePrecision: 2,
  now: NOW,
});
const prediction = { symbol: 'BTC/USDT', timeframe: '1m', computedAt: NOW } as Prediction;

/** Responses whose forecast is made only when the test says so. */
function responsesWithSlowForecast() {
  let finish!: (p: Prediction) => void;
  const made = new Promise<Prediction>((resolve) => (finish = resolve));
  const responses = new SubscribeResponses({
    market: { symbols: () => [{ symbol: 'BTC/USDT', pricePrecision: 2 }] } as unknown as MarketService,
    analysis: { get: async () => ({ analysis }) } as unknown as AnalysisService,
    predictions: {
      get: async () => ({ prediction: await made, computed: true }),
    } as unknown as PredictionService,
    clock: () => NOW,
    logger: silentLogger,
  });
  return { responses, finish };
}

const decoded = ({ response }: BuiltResponse) => decodeSubscribeResponse(response, gunzipText);

describe('SubscribeResponses', () => {
  it('answers with the candles and the analysis without waiting for a forecast still being made', async () => {
    const { responses, finish } = responsesWithSlowForecast();
    const built = await responses.build(snapshot, 1500);
    const result = await decoded(built);
    expect(result.candles).toHaveLength(80);
    expect(result.analysis?.candleTime).toBe(analysis.candleTime);
    expect(result.prediction).toBeNull();

    // The forecast follows, for the caller to send after the response.
    finish(prediction);
    expect(await built.laterPrediction).toEqual(prediction);
  });

  it('carries the forecast in the responses built once it is ready, the same bytes to each', async () => {
    const { responses, finish } = responsesWithSlowForecast();
    const first = await responses.build(snapshot, 1500);
    finish(prediction);
    await first.laterPrediction;

    const [second, third] = [await responses.build(snapshot, 1500), await responses.build(snapshot, 1500)];
    expect(second.laterPrediction).toBeNull();
    expect((await decoded(second)).prediction).toEqual(prediction);
    expect(third.response.body).toBe(second.response.body);
  });
});
