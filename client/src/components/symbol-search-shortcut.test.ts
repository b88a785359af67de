import { describe, expect, it } from 'vitest';
import { searchLetter, type ShortcutKey } from './symbol-search-shortcut.ts';

const key = (k: string, extra: Partial<ShortcutKey> = {}): ShortcutKey => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  defaultPrevented: false,
  ...extra,
});
const onPage = { editable: false, modal: false };

describe('searchLetter', () => {
  it('takes a letter typed on the page, in either case and any alphabet', () => {
    expect(searchLetter(key('s'), onPage)).toBe('s');
    expect(searchLetter(key('E'), onPage)).toBe('E');
    expect(searchLetter(key('é'), onPage)).toBe('é');
  });

  it('leaves digits and other keys to the chart, and combinations to the browser', () => {
    for (const k of ['1', '5', 'Escape', 'Enter', '?', ' ', 'ArrowUp', 'F5'])
      expect(searchLetter(key(k), onPage)).toBeNull();
    expect(searchLetter(key('c', { ctrlKey: true }), onPage)).toBeNull();
    expect(searchLetter(key('k', { metaKey: true }), onPage)).toBeNull();
    expect(searchLetter(key('h', { altKey: true }), onPage)).toBeNull();
  });

  it('never steals what is typed into a field, a dialog or a menu, or a key already handled', () => {
    expect(searchLetter(key('s'), { editable: true, modal: false })).toBeNull();
    expect(searchLetter(key('s'), { editable: false, modal: true })).toBeNull();
    expect(searchLetter(key('s', { defaultPrevented: true }), onPage)).toBeNull();
    expect(searchLetter(key('s', { isComposing: true }), onPage)).toBeNull();
  });
});
