import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test-support.ts';
import { DEFAULT_TOGGLES, isIndicator, readToggles, togglesFrom } from './indicator-toggles.ts';

const KEY = 'trendscope.indicators';

describe('indicator toggles', () => {
  it('are read from what storage kept before workspaces', () => {
    const storage = memoryStorage({ [KEY]: JSON.stringify({ ...DEFAULT_TOGGLES, macd: false }) });
    expect(readToggles(storage)).toEqual({ ...DEFAULT_TOGGLES, macd: false });
  });

  it('default to all on when nothing, or nothing readable, is stored', () => {
    expect(readToggles(undefined)).toEqual(DEFAULT_TOGGLES);
    expect(readToggles(memoryStorage())).toEqual(DEFAULT_TOGGLES);
    for (const raw of ['{not json', 'null', '[false]', '"off"', '42'])
      expect(readToggles(memoryStorage({ [KEY]: raw }))).toEqual(DEFAULT_TOGGLES);
  });

  it('keep the valid entries and replace the rest with the default', () => {
    const stored = { rsi: false, macd: 'no', ema20: 0, volume: false, fractals: false };
    expect(togglesFrom(stored)).toEqual({ ...DEFAULT_TOGGLES, rsi: false, fractals: false });
    expect(readToggles(memoryStorage({ [KEY]: JSON.stringify(stored) }))).toEqual(togglesFrom(stored));
  });

  it('survive a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => undefined,
    };
    expect(readToggles(broken)).toEqual(DEFAULT_TOGGLES);
  });

  it('know their names', () => {
    expect(isIndicator('bollinger')).toBe(true);
    expect(isIndicator('volume')).toBe(false);
    expect(isIndicator(undefined)).toBe(false);
  });
});
