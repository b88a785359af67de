import { describe, expect, it } from 'vitest';
import { nextThemePreference, readThemeHint, resolveTheme, writeThemeHint } from './theme-choice.ts';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('the theme choice', () => {
  it('follows the system until a theme is picked', () => {
    expect(resolveTheme('system', 'light')).toBe('light');
    expect(resolveTheme('system', 'dark')).toBe('dark');
    expect(resolveTheme('dark', 'light')).toBe('dark');
    expect(resolveTheme('light', 'dark')).toBe('light');
  });

  it('cycles system → dark → light → system', () => {
    expect(nextThemePreference('system')).toBe('dark');
    expect(nextThemePreference('dark')).toBe('light');
    expect(nextThemePreference('light')).toBe('system');
  });

  it('remembers the pick in this browser, and ignores what it did not write', () => {
    const storage = memoryStorage();
    expect(readThemeHint(storage)).toBeUndefined();
    writeThemeHint(storage, 'light');
    expect(readThemeHint(storage)).toBe('light');
    storage.setItem('trendscope.theme', 'sepia');
    expect(readThemeHint(storage)).toBeUndefined();
    expect(readThemeHint(undefined)).toBeUndefined();
  });
});
