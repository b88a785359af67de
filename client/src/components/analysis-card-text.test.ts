import { describe, expect, it } from 'vitest';
import { analysis, minuteCandles, T0 } from '../test-support.ts';
import { describeAnalysis } from './analysis-card-text.ts';

describe('describeAnalysis', () => {
  it('spells out trend, momentum and volatility, and the nearest levels in the symbol precision', () => {
    const text = describeAnalysis(
      analysis('SOL/USDT', '1m', minuteCandles(T0, 3), { computedAt: Date.UTC(2024, 0, 1, 14, 5, 59) }),
      3,
    );
    expect(text).toEqual({
      headline: 'SOL/USDT 1m: uptrend (strong), momentum bullish (RSI 61)',
      direction: 'up',
      trend: 'Uptrend, strong · ADX 31.4',
      trendShort: 'Uptrend, strong',
      momentum: 'Bullish · RSI 61.2',
      volatility: 'Normal · ATR 0.42%',
      support: '99.500',
      resistance: '110.250',
      computed: 'computed 14:05 UTC',
    });
  });

  it('leaves out what the server could not compute', () => {
    const base = analysis('BTC/USDT', '1m', minuteCandles(T0, 3));
    const text = describeAnalysis(
      {
        ...base,
        summary: {
          ...base.summary,
          trend: { direction: 'sideways', strength: 'weak' },
          momentum: { state: 'oversold' },
          volatility: { regime: 'high' },
          levels: { support: [], resistance: [45_000.5] },
        },
      },
      2,
    );
    expect([text.trend, text.momentum, text.volatility, text.support, text.resistance]).toEqual([
      'Sideways, weak',
      'Oversold',
      'High',
      '—',
      '45,000.50',
    ]);
  });
});
