import { describe, expect, it } from 'vitest';
import { readRecordedCsv, recordedFile } from './replay/recorded-candles.ts';
import { packCandles, unpackCandles } from './packed-candles.ts';

describe('packed candles', () => {
  it('round-trips real candles exactly, through a structured clone as a worker would see them', async () => {
    const { candles } = await readRecordedCsv(recordedFile('SOL/USDT', '1m'));
    const some = candles.slice(-1500);
    expect(unpackCandles(structuredClone(packCandles(some)))).toEqual(some);
    expect(unpackCandles(packCandles([]))).toEqual([]);
  });
});
