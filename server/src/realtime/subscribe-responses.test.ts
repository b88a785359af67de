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

/** Responses whose forecast is made only when the test says so, by them or (`computed` false) by another caller. */
function responsesWithSlowForecast(computed = true) {
  let finish!: (p: Prediction) => void;
  const made = new Promise<Prediction>((resolve) => (finish = resolve));
  const published: Prediction[] = [];
  const responses = new SubscribeResponses({
    market: { symbols: () => [{ symbol: 'BTC/USDT', pricePrecision: 2 }] } as unknown as MarketService,
    analysis: { get: async () => ({ analysis }) } as unknown as AnalysisService,
    predictions: {
      get: async () => ({ prediction: await made, computed }),
    } as unknown as PredictionService,
    publishPrediction: (p) => published.push(p),
    clock: () => NOW,
    logger: silentLogger,
  });
  return { responses, finish, published };
}

const decoded = ({ response }: BuiltResponse) => decodeSubscribeResponse(response, gunzipText);

describe('SubscribeResponses', () => {
  it('answers with the candles and the analysis without waiting for a forecast still being made', async () => {
    const { responses, finish, published } = responsesWithSlowForecast();
    const [first, second] = [await responses.build(snapshot, 1500), await responses.build(snapshot, 1500)];
    const result = await decoded(first);
    expect(result.candles).toHaveLength(80);
    expect(result.analysis?.candleTime).toBe(analysis.candleTime);
    expect(result.prediction).toBeNull();
    expect((await decoded(second)).prediction).toBeNull();

    // Once made, the forecast goes to the stream's room, once for both subscribers answered without it.
    finish(prediction);
    await expect.poll(() => published).toEqual([prediction]);
  });

  it('carries the forecast in the responses built once it is ready, the same bytes to each', async () => {
    const { responses, finish, published } = responsesWithSlowForecast();
    await responses.build(snapshot, 1500);
    finish(prediction);
    await expect.poll(() => published.length).toBe(1);

    const [second, third] = [await responses.build(snapshot, 1500), await responses.build(snapshot, 1500)];
    expect((await decoded(second)).prediction).toEqual(prediction);
    expect(third.response.body).toBe(second.response.body);
    expect(published).toHaveLength(1);
  });

  it('leaves a forecast another caller made after the socket joined to that caller to publish', async () => {
    const { responses, finish, published } = responsesWithSlowForecast(false);
    const first = await responses.build(snapshot, 1500);
    finish(prediction);
    // Made at or after the join (computedAt NOW, the clock at NOW): that caller's publish reaches the socket.
    expect(await first.laterPrediction).toBeNull();
    await expect
      .poll(async () => (await decoded(await responses.build(snapshot, 1500))).prediction)
      .toEqual(prediction);
    expect(published).toEqual([]);
  });

  it('sends the socket alone a forecast another caller made before it joined, which no publish will bring', async () => {
    const { responses, finish, published } = responsesWithSlowForecast(false);
    const earlier = { ...prediction, computedAt: NOW - 5_000 };
    const first = await responses.build(snapshot, 1500);
    finish(earlier);
    expect(await first.laterPrediction).toEqual(earlier);
    expect(published).toEqual([]);
  });

  it('publishes a forecast it made to the room, and sends it to no socket alone', async () => {
    const { responses, finish, published } = responsesWithSlowForecast(true);
    const first = await responses.build(snapshot, 1500);
    finish({ ...prediction, computedAt: NOW - 5_000 });
    expect(await first.laterPrediction).toBeNull();
    expect(published).toHaveLength(1);
  });
});
