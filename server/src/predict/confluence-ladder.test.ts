import { describe, expect, it } from 'vitest';
import { TIMEFRAMES, TIMEFRAME_MS } from '../../../shared/market-basics.ts';
import { confluenceTimeframes } from './confluence-ladder.ts';

describe('confluenceTimeframes', () => {
  it('compares a stream with the rung below and the rung above its own timeframe', () => {
    expect(confluenceTimeframes('5m', TIMEFRAMES)).toEqual(['1m', '5m', '15m']);
    expect(confluenceTimeframes('15m', TIMEFRAMES)).toEqual(['5m', '15m', '1h']);
    expect(confluenceTimeframes('1h', TIMEFRAMES)).toEqual(['15m', '1h', '4h']);
    expect(confluenceTimeframes('4h', TIMEFRAMES)).toEqual(['1h', '4h', '1d']);
    expect(confluenceTimeframes('1d', TIMEFRAMES)).toEqual(['4h', '1d', '1w']);
  });

  it('compares the timeframes between rungs with the rungs around them', () => {
    expect(confluenceTimeframes('30m', TIMEFRAMES)).toEqual(['15m', '30m', '1h']);
    expect(confluenceTimeframes('2h', TIMEFRAMES)).toEqual(['1h', '2h', '4h']);
    expect(confluenceTimeframes('12h', TIMEFRAMES)).toEqual(['4h', '12h', '1d']);
  });

  it('takes the two nearest rungs on the one side there is at the ends of the ladder', () => {
    expect(confluenceTimeframes('1m', TIMEFRAMES)).toEqual(['1m', '5m', '15m']);
    expect(confluenceTimeframes('1w', TIMEFRAMES)).toEqual(['4h', '1d', '1w']);
  });

  it('leaves out what the market does not offer', () => {
    expect(confluenceTimeframes('1d', ['1m', '5m', '15m', '1h', '4h', '1d'])).toEqual(['1h', '4h', '1d']);
    expect(confluenceTimeframes('1h', ['1m', '1h', '1d'])).toEqual(['1m', '1h', '1d']);
    expect(confluenceTimeframes('1m', ['1m'])).toEqual(['1m']);
  });

  it('reads neighbours of every timeframe, never the far ends of the product', () => {
    for (const timeframe of TIMEFRAMES) {
      const ladder = confluenceTimeframes(timeframe, TIMEFRAMES);
      expect(ladder).toContain(timeframe);
      expect(ladder).toHaveLength(3);
      // At most 4h against 1w: a daily chart never asks the 1m trend, a minute chart never the daily one.
      expect(TIMEFRAME_MS[ladder.at(-1)!] / TIMEFRAME_MS[ladder[0]!]).toBeLessThanOrEqual(42);
    }
  });
});
