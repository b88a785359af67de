import { describe, expect, it } from 'vitest';
import { STEPS, formingCandle, formingPath } from './forming-path.ts';
import { readRecordedCsv, recordedFile } from './recorded-candles.ts';

describe('forming candle', () => {
  it('moves inside the recorded range, only widens, and ends exactly on the recorded candle', async () => {
    const { candles, pricePrecision } = await readRecordedCsv(recordedFile('ETH/USDT', '1m'));
    for (const recorded of candles.slice(0, 300)) {
      const path = formingPath(recorded, `ETH/USDT@${recorded.time}`);
      let previous = formingCandle(recorded, path, 0, pricePrecision);
      expect(previous.open).toBe(recorded.open);
      for (let step = 1; step < STEPS; step++) {
        const f = formingCandle(recorded, path, step, pricePrecision);
        expect(f.low).toBeGreaterThanOrEqual(recorded.low);
        expect(f.high).toBeLessThanOrEqual(recorded.high);
        expect(f.close).toBeGreaterThanOrEqual(f.low);
        expect(f.close).toBeLessThanOrEqual(f.high);
        expect(f.high).toBeGreaterThanOrEqual(previous.high);
        expect(f.low).toBeLessThanOrEqual(previous.low);
        expect(f.volume).toBeGreaterThanOrEqual(previous.volume);
        previous = f;
      }
      expect(previous).toEqual(recorded);
    }
  });

  it('touches both extremes before the end, so the candle does not jump at the close', async () => {
    const { candles, pricePrecision } = await readRecordedCsv(recordedFile('BTC/USDT', '1m'));
    for (const recorded of candles.slice(0, 500)) {
      const path = formingPath(recorded, `BTC/USDT@${recorded.time}`);
      const beforeClose = formingCandle(recorded, path, STEPS - 2, pricePrecision);
      expect(beforeClose.high).toBe(recorded.high);
      expect(beforeClose.low).toBe(recorded.low);
    }
  });

  it('forms a given minute the same way every time', () => {
    const candle = { time: 0, open: 100, high: 110, low: 95, close: 105, volume: 3 };
    expect(formingPath(candle, 'X@0')).toEqual(formingPath(candle, 'X@0'));
  });
});
