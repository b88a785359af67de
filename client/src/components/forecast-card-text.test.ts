import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../shared/prediction.ts';
import { anchorForecast } from '../chart/forecast-data.ts';
import { candle } from '../test-support.ts';
import { describeForecast, describeTrackRecord } from './forecast-card-text.ts';

const T = Date.UTC(2026, 10, 23, 14, 0);
const prediction: Prediction = {
  symbol: 'BTC/USDT',
  timeframe: '5m',
  source: 'replay',
  model: 'ewma-fhs',
  computedAt: T,
  lastCandleTime: T,
  from: 64000,
  horizon: 2,
  sigma: 0.001,
  path: [
    { time: T + 300_000, yhat: 64000, lower80: 63900, upper80: 64100, lower95: 63850, upper95: 64150 },
    { time: T + 600_000, yhat: 64000, lower80: 63860.5, upper80: 64140.25, lower95: 63800, upper95: 64210 },
  ],
  direction: { state: 's', probabilityUp: 0.5417, credible90: [0.41, 0.672], samples: 12 },
  regime: { regime: 'random', hurst: 0.5234 },
  confluence: {
    agree: false,
    direction: 'sideways',
    byTimeframe: { '1m': 'up', '5m': 'up', '15m': 'down', '1h': 'sideways' },
  },
  anomalies: [],
  risk: { level: 'medium', reasons: ['timeframes disagree on the trend'] },
  scorecard: { n: 0 },
};

describe('forecast card text', () => {
  it('reads the bands at the horizon, the direction with its interval, regime and confluence', () => {
    const text = describeForecast(prediction, 2, { anchored: null, zone: 'UTC', now: T });
    expect(text).toMatchObject({
      title: 'Next 2 × 5m',
      horizon: 'at 14:10 UTC',
      central: '64,000.00',
      range80: '63,860.50 – 64,140.25',
      range95: '63,800.00 – 64,210.00',
      probabilityUp: '54% (90% CI 41%–67%, 12 outcomes)',
      probabilityUpShort: '54%',
      regime: 'Random walk (Hurst 0.52)',
      confluence: '1m ↑ · 5m ↑ · 15m ↓ · 1h →, mixed',
      risk: 'medium',
      riskReasons: ['timeframes disagree on the trend'],
    });
    expect(text.track).toEqual({
      kind: 'none',
      note: 'No forecast scored yet: each is scored 2 candles after it is made.',
    });
  });

  it('reads the bands from the live price, as the fan draws them', () => {
    // The forming candle has risen 1 % above the close the forecast was made from.
    const anchored = anchorForecast(prediction, [candle(T + 300_000, 64_640)]);
    const text = describeForecast(prediction, 2, { anchored, zone: 'UTC', now: T });
    expect(text.central).toBe('64,640.00');
    expect(text.range80).toBe('64,499.11 – 64,781.65');
  });

  it('dates a horizon that is not today, in the chart’s time zone', () => {
    const daily: Prediction = {
      ...prediction,
      timeframe: '1d',
      path: [{ ...prediction.path[1]!, time: Date.UTC(2026, 11, 1) }],
    };
    const view = { anchored: null, now: T };
    expect(describeForecast(daily, 2, { ...view, zone: 'UTC' }).horizon).toBe('at Tue 1 Dec 00:00 UTC');
    expect(describeForecast(prediction, 2, { ...view, zone: 'UTC' }).horizon).toBe('at 14:10 UTC');
  });

  it('says "no skill" when the forecast does not beat the last close, and "skill" only when it does', () => {
    const card = { n: 40, maeRatio: 1, coverage80: 0.775, coverage95: 0.95, hitRate: 0.5, brier: 0.2512 };
    expect(describeTrackRecord(card, 10)).toEqual({
      kind: 'scored',
      samples: 'n = 40',
      maeRatio: '1.00, no skill',
      skill: false,
      coverage80: '77.5% (aim 80%)',
      coverage95: '95.0% (aim 95%)',
      hitRate: '50.0%',
      brier: '0.251 (coin 0.250)',
    });
    expect(describeTrackRecord({ ...card, maeRatio: 0.97 }, 10)).toMatchObject({
      maeRatio: '0.97, skill',
      skill: true,
    });
    expect(describeTrackRecord({ n: 0, unavailable: true }, 10).kind).toBe('none');
  });
});
