import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test-support.ts';
import { DEFAULT_TOGGLES, isIndicator, readToggles, writeToggles } from './indicator-toggles.ts';

const KEY = 'trendscope.indicators';

describe('remembered indicator toggles', () => {
  it('round-trip through storage', () => {
    const storage = memoryStorage();
    writeToggles(storage, { ...DEFAULT_TOGGLES, macd: false, fractals: false });
    expect(readToggles(storage)).toEqual({ ...DEFAULT_TOGGLES, macd: false, fractals: false });
  });

  it('default to all on when nothing, or nothing readable, is stored', () => {
    expect(readToggles(undefined)).toEqual(DEFAULT_TOGGLES);
    expect(readToggles(memoryStorage())).toEqual(DEFAULT_TOGGLES);
    for (const raw of ['{not json', 'null', '[false]', '"off"', '42'])
      expect(readToggles(memoryStorage({ [KEY]: raw }))).toEqual(DEFAULT_TOGGLES);
  });

  it('keep the valid entries and replace the rest with the default', () => {
    const raw = JSON.stringify({ rsi: false, macd: 'no', ema20: 0, volume: false, fractals: false });
    expect(readToggles(memoryStorage({ [KEY]: raw }))).toEqual({
      ...DEFAULT_TOGGLES,
      rsi: false,
      fractals: false,
    });
  });

  it('survive a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(readToggles(broken)).toEqual(DEFAULT_TOGGLES);
    expect(() => writeToggles(broken, DEFAULT_TOGGLES)).not.toThrow();
  });

  it('know their names', () => {
    expect(isIndicator('bollinger')).toBe(true);
    expect(isIndicator('volume')).toBe(false);
    expect(isIndicator(undefined)).toBe(false);
  });
});
