import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market.ts';
import { anomalies, confluence, hurstExponent, regimeOf, riskOf } from './regime.ts';

function seeded(seed: number) {
  let a = seed;
  const uniform = () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (a + 1) / 2_147_483_649;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('Hurst exponent (R/S)', () => {
  const normal = seeded(3);
  const noise = Array.from({ length: 2048 }, () => normal());

  it('is about 0.5 for independent returns: a random walk', () => {
    const h = hurstExponent(noise)!;
    expect(h).toBeGreaterThan(0.45);
    expect(h).toBeLessThan(0.6);
    expect(regimeOf(h)).toBe('random');
  });

  it('is above for persistent returns (trending) and below for a price that reverts to a level', () => {
    const persistent: number[] = [];
    let p = 0;
    for (const e of noise) {
      p = 0.9 * p + e;
      persistent.push(p);
    }
    // A price that is noise around a fixed level: its returns are differenced noise.
    const reverting = noise.slice(1).map((e, i) => e - noise[i]!);
    expect(regimeOf(hurstExponent(persistent))).toBe('trending');
    expect(regimeOf(hurstExponent(reverting))).toBe('mean-reverting');
  });

  it('needs enough data', () => {
    expect(hurstExponent(noise.slice(0, 20))).toBeUndefined();
  });
});

describe('confluence, anomalies and risk', () => {
  it('agrees only when every timeframe trends the same way', () => {
    expect(confluence({ '1m': 'up', '5m': 'up', '1h': 'up' })).toMatchObject({
      agree: true,
      direction: 'up',
    });
    expect(confluence({ '1m': 'up', '5m': 'down' })).toMatchObject({ agree: false, direction: 'sideways' });
    expect(confluence({ '1m': 'sideways', '5m': 'sideways' }).agree).toBe(false);
  });

  const normal = seeded(5);
  const calm: Candle[] = [];
  let price = 100;
  for (let i = 0; i < 120; i++) {
    const next = price * Math.exp(0.001 * normal());
    calm.push({
      time: i * 60_000,
      open: price,
      high: Math.max(price, next),
      low: Math.min(price, next),
      close: next,
      volume: 10 + normal(),
    });
    price = next;
  }

  it('flags nothing on a calm market, and a crash, a volume spike and a gap when they happen', () => {
    expect(anomalies(calm)).toEqual([]);
    const last = calm.at(-1)!;
    const crash = {
      ...last,
      time: last.time + 60_000,
      open: last.close,
      low: last.close * 0.97,
      close: last.close * 0.97,
      volume: 60,
    };
    expect(
      anomalies([...calm, crash])
        .map((a) => a.kind)
        .sort(),
    ).toEqual(['return', 'volume']);
    const gap = {
      ...last,
      time: last.time + 60_000,
      open: last.close * 1.02,
      high: last.close * 1.02,
      low: last.close * 1.019,
      close: last.close * 1.0195,
      volume: 10,
    };
    expect(anomalies([...calm, gap]).map((a) => a.kind)).toContain('jump');
  });

  it('sets the risk level with the reasons that set it', () => {
    const agree = confluence({ '1m': 'up', '5m': 'up' });
    const disagree = confluence({ '1m': 'up', '5m': 'down' });
    expect(riskOf({ volatility: 'normal', confluence: agree, anomalies: [], regime: 'random' })).toEqual({
      level: 'low',
      reasons: [],
    });
    expect(riskOf({ volatility: 'high', confluence: agree, anomalies: [], regime: 'random' })).toEqual({
      level: 'medium',
      reasons: ['volatility is high'],
    });
    const high = riskOf({ volatility: 'high', confluence: disagree, anomalies: [], regime: 'random' });
    expect(high.level).toBe('high');
    expect(high.reasons).toEqual(['volatility is high', 'timeframes disagree on the trend']);
    expect(
      riskOf({
        volatility: 'normal',
        confluence: agree,
        anomalies: [{ kind: 'return', z: -6, detail: 'a drop of 6.0σ' }],
        regime: 'random',
      }).level,
    ).toBe('high');
  });
});
