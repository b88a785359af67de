import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  type DatabaseLocation,
} from '../support/database-backends.ts';
import type { Forecast } from '../../src/predict/forecast.ts';
import {
  duePredictions,
  insertPrediction,
  markScored,
  scoreOnce,
  scorecard,
  type NewPrediction,
} from '../../src/predict/prediction-repository.ts';
import { scorePrediction } from '../../src/predict/score.ts';
import { loadDirectionModel } from '../../src/predict/direction-repository.ts';

const M = 60_000;
const T0 = Date.UTC(2026, 10, 22, 12, 0);
const forecastFrom = (from: number): Forecast => ({
  model: 'ewma-fhs',
  from,
  sigma: 0.001,
  path: [
    {
      step: 1,
      yhat: from,
      lower80: from * 0.99,
      upper80: from * 1.01,
      lower95: from * 0.98,
      upper95: from * 1.02,
    },
  ],
});
const prediction = (i: number, from = 100): NewPrediction => ({
  source: 'replay',
  symbol: 'BTC/USDT',
  timeframe: '1m',
  model: 'ewma-fhs',
  horizon: 1,
  lastCandleTime: T0 + i * M,
  targetTime: T0 + (i + 1) * M,
  result: {
    forecast: forecastFrom(from),
    direction: { state: 's', probabilityUp: 0.6, credible90: [0.3, 0.85], samples: 4 },
  },
});

/** The same suite on every database backend. */
function describePredictions({ name, skip, create }: DatabaseBackend) {
  describe.skipIf(skip)(`predictions on ${name}`, () => {
    let target: DatabaseLocation;
    let handle: DatabaseHandle;
    beforeAll(async () => {
      target = await create();
      handle = await target.open();
    });
    afterAll(async () => {
      await handle?.close();
      await target?.drop();
    });

    it('stores one forecast per stream, model and input candle', async () => {
      expect(await insertPrediction(handle.db, prediction(0))).toBe(true);
      expect(await insertPrediction(handle.db, prediction(0))).toBe(false);
      expect(await insertPrediction(handle.db, prediction(1))).toBe(true);
    });

    it('finds what is due once its target candle has closed', async () => {
      expect(await duePredictions(handle.db, 'replay', T0 + 0.5 * M)).toEqual([]);
      const due = await duePredictions(handle.db, 'replay', T0 + M);
      expect(due.map((d) => d.lastCandleTime)).toEqual([T0]);
      expect(due[0]!.result.forecast.from).toBe(100);
      expect(await duePredictions(handle.db, 'binance', T0 + 10 * M)).toEqual([]);
    });

    it('scores a forecast once, never twice, even across a restart', async () => {
      const [due] = await duePredictions(handle.db, 'replay', T0 + M);
      const score = scorePrediction(due!.result.forecast, due!.result.direction, 100.5);
      expect(await markScored(handle.db, due!.id, score)).toBe(true);
      expect(await markScored(handle.db, due!.id, score)).toBe(false);

      // The server restarts with the second forecast still pending.
      await handle.close();
      handle = await target.open();
      const pending = await duePredictions(handle.db, 'replay', T0 + 5 * M);
      expect(pending.map((d) => d.lastCandleTime)).toEqual([T0 + M]);
      const results = await Promise.all(
        pending
          .concat(pending)
          .map((d) =>
            markScored(handle.db, d.id, scorePrediction(d.result.forecast, d.result.direction, 98)),
          ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await duePredictions(handle.db, 'replay', T0 + 5 * M)).toEqual([]);
    });

    it('keeps a rolling scorecard per stream and model', async () => {
      const card = await scorecard(
        handle.db,
        { source: 'replay', symbol: 'BTC/USDT', timeframe: '1m' },
        'ewma-fhs',
      );
      // 100.5: inside both bands, up, P = 0.6 → hit; 98: outside 80 % (99–101), inside 95 % (98–102), down → miss.
      expect(card.n).toBe(2);
      expect(card.coverage80).toBe(0.5);
      expect(card.coverage95).toBe(1);
      expect(card.hitRate).toBe(0.5);
      expect(card.brier).toBeCloseTo(((0.6 - 1) ** 2 + 0.6 ** 2) / 2, 12);
      expect(card.maeRatio).toBe(1);
      expect(
        (await scorecard(handle.db, { source: 'replay', symbol: 'ETH/USDT', timeframe: '1m' }, 'ewma-fhs')).n,
      ).toBe(0);
    });

    it('scores and teaches the direction model once, however many scorers race', async () => {
      const stream = { source: 'replay', symbol: 'SOL/USDT', timeframe: '1m' };
      for (let i = 0; i < 4; i++) await insertPrediction(handle.db, { ...prediction(20 + i), ...stream });
      const due = (await duePredictions(handle.db, 'replay', T0 + 30 * M)).filter(
        (d) => d.symbol === 'SOL/USDT',
      );
      expect(due).toHaveLength(4);
      // Two instances score the same four at once; outcomes: up, down, up, up.
      const actual = [101, 99, 102, 100.1];
      const race = await Promise.all(
        [...due, ...due].map((d, i) =>
          scoreOnce(handle.db, d, scorePrediction(d.result.forecast, d.result.direction, actual[i % 4]!)),
        ),
      );
      expect(race.filter(Boolean)).toHaveLength(4);
      const model = await loadDirectionModel(handle.db, stream, 1);
      expect(model.toJSON()).toEqual({ s: { up: 3, down: 1 } });
      // Beta(1 + 3, 1 + 1)
      expect(model.estimate('s').probabilityUp).toBeCloseTo(4 / 6, 12);
      expect(
        (await loadDirectionModel(handle.db, { ...stream, symbol: 'BTC/USDT' }, 1)).estimate('s').samples,
      ).toBe(0);
    });
  });
}

for (const backend of DATABASE_BACKENDS) describePredictions(backend);
