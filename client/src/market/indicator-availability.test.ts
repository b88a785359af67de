import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../store/indicator-toggles.ts';
import { unavailableReason } from './indicator-availability.ts';

describe('unavailableReason', () => {
  it('says what an indicator needs and what the chart has', () => {
    expect(unavailableReason('ema200', 166)).toBe('needs 200 candles, this chart has 166');
    expect(unavailableReason('ema200', 200)).toBeNull();
    expect(unavailableReason('macd', 25)).toBe('needs 26 candles, this chart has 25');
    expect(unavailableReason('rsi', 15)).toBeNull();
  });

  it('counts only closed candles for the forecast', () => {
    expect(unavailableReason('forecast', 70)).toBe('needs 70 closed candles, this chart has 69');
    expect(unavailableReason('forecast', 71)).toBeNull();
  });

  it('draws every indicator on a chart of the usual 1,500 candles', () => {
    expect(INDICATORS.map((indicator) => unavailableReason(indicator, 1_500))).toEqual(
      INDICATORS.map(() => null),
    );
  });
});
