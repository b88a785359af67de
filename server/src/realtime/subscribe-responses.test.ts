import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../../shared/analysis.ts';
import type { Candle } from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import { decodeSubscribeResponse } from '../../../shared/snapshot.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import { analyze } from '../analysis/analyze.ts';
import { silentLogger } from '../kernel/logger.ts';
import type { MarketService } from '../market/market-service.ts';
import type { PredictionService } from '../predict/prediction-service.ts';
import type { StreamSnapshot } from '../streams/stream-hub.ts';
import { SubscribeResponses } from './subscribe-responses.ts';

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
    publishAnalysis: () => {},
    clock: () => NOW,
    logger: silentLogger,
  });
  return { responses, finish, published };
}

const decoded = (response: Awaited<ReturnType<SubscribeResponses['build']>>) =>
  decodeSubscribeResponse(response, gunzipText);

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
    expect(third.body).toBe(second.body);
    expect(published).toHaveLength(1);
  });

  it('leaves a forecast another caller made to that caller to publish', async () => {
    const { responses, finish, published } = responsesWithSlowForecast(false);
    await responses.build(snapshot, 1500);
    finish(prediction);
    await expect
      .poll(async () => (await decoded(await responses.build(snapshot, 1500))).prediction)
      .toEqual(prediction);
    expect(published).toEqual([]);
  });

  it('answers a new version at once with the previous analysis while the new one is made, then publishes it', async () => {
    let clock = NOW;
    const older = { ...analysis, candleTime: analysis.candleTime - MINUTE };
    let finish: ((a: Analysis) => void) | undefined;
    let computations = 0;
    const publishedAnalyses: Analysis[] = [];
    const responses = new SubscribeResponses({
      market: { symbols: () => [{ symbol: 'BTC/USDT', pricePrecision: 2 }] } as unknown as MarketService,
      analysis: {
        // The first analysis is there at once; the next one only when the test says so.
        get: async () => {
          computations++;
          if (computations === 1) return { analysis: older, computed: true };
          return { analysis: await new Promise<Analysis>((resolve) => (finish = resolve)), computed: true };
        },
      } as unknown as AnalysisService,
      predictions: {
        get: async () => ({ prediction: null, computed: false }),
      } as unknown as PredictionService,
      publishPrediction: () => {},
      publishAnalysis: (a) => publishedAnalyses.push(a),
      clock: () => clock,
      logger: silentLogger,
    });

    // A stream's first response waits for its analysis.
    expect((await decoded(await responses.build(snapshot, 1500))).analysis?.candleTime).toBe(
      older.candleTime,
    );

    // A new candle closed: the response does not wait for the new analysis, it carries the previous one.
    clock += MINUTE;
    const next = { ...snapshot, revision: snapshot.revision + 1 };
    expect((await decoded(await responses.build(next, 1500))).analysis?.candleTime).toBe(older.candleTime);

    // Made here, the new analysis goes to the stream's room, and into the responses after it.
    finish!(analysis);
    await expect
      .poll(() => publishedAnalyses.map((a) => a.candleTime))
      .toEqual([older.candleTime, analysis.candleTime]);
    expect(publishedAnalyses.every((a) => a.series === undefined)).toBe(true);
    expect((await decoded(await responses.build(next, 1500))).analysis?.candleTime).toBe(analysis.candleTime);
  });
});
