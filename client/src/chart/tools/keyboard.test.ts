import { describe, expect, it } from 'vitest';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/market-basics.ts';
import { actionForKey, parseInterval, type KeyLike } from './keyboard.ts';

const key = (key: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key,
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...extra,
});

describe('the chart key map', () => {
  it('opens the interval box with the digit typed', () => {
    for (const digit of '0123456789') expect(actionForKey(key(digit))).toEqual({ kind: 'interval', digit });
  });

  it('maps the editing and navigation keys', () => {
    expect(actionForKey(key('Escape'))).toEqual({ kind: 'cancel' });
    expect(actionForKey(key('Delete'))).toEqual({ kind: 'delete' });
    expect(actionForKey(key('Backspace'))).toEqual({ kind: 'delete' });
    expect(actionForKey(key('Home'))).toEqual({ kind: 'latest' });
    expect(actionForKey(key('End'))).toEqual({ kind: 'latest' });
    expect(actionForKey(key('?'))).toEqual({ kind: 'help' });
  });

  it('reads Alt shortcuts by physical key, whatever character the layout makes of them', () => {
    expect(actionForKey(key('˙', { code: 'KeyH', altKey: true }))).toEqual({
      kind: 'tool',
      tool: 'price-line',
    });
    expect(actionForKey(key('†', { code: 'KeyT', altKey: true }))).toEqual({
      kind: 'tool',
      tool: 'trend-line',
    });
    expect(actionForKey(key('l', { code: 'KeyL', altKey: true }))).toEqual({ kind: 'scale', mode: 'log' });
    expect(actionForKey(key('p', { code: 'KeyP', altKey: true }))).toEqual({
      kind: 'scale',
      mode: 'percent',
    });
    expect(actionForKey(key('s', { code: 'KeyS', altKey: true }))).toEqual({ kind: 'screenshot' });
    expect(actionForKey(key('x', { code: 'KeyX', altKey: true }))).toBeNull();
  });

  it('leaves letters to the symbol search and Ctrl/Cmd combinations to the browser', () => {
    for (const letter of ['b', 'E', 's', 'h']) expect(actionForKey(key(letter))).toBeNull();
    expect(actionForKey(key('5', { ctrlKey: true }))).toBeNull();
    expect(actionForKey(key('Delete', { metaKey: true }))).toBeNull();
    expect(actionForKey(key('h', { code: 'KeyH', altKey: true, ctrlKey: true }))).toBeNull();
    expect(actionForKey(key('Enter'))).toBeNull();
  });
});

describe('typed intervals', () => {
  const all: readonly Timeframe[] = TIMEFRAMES;

  it('read bare numbers as minutes, as TradingView does', () => {
    expect(parseInterval('1', all)).toBe('1m');
    expect(parseInterval('5', all)).toBe('5m');
    expect(parseInterval('15', all)).toBe('15m');
    expect(parseInterval('60', all)).toBe('1h');
    expect(parseInterval('240', all)).toBe('4h');
    expect(parseInterval('1440', all)).toBe('1d');
  });

  it('read units, in either case, with or without a space', () => {
    expect(parseInterval('4h', all)).toBe('4h');
    expect(parseInterval(' 1H ', all)).toBe('1h');
    expect(parseInterval('15 m', all)).toBe('15m');
    expect(parseInterval('1d', all)).toBe('1d');
    expect(parseInterval('d', all)).toBe('1d');
  });

  it('give 30m, 2h, 12h and 1w too, by minutes or by unit', () => {
    for (const [text, timeframe] of [
      ['30', '30m'],
      ['2h', '2h'],
      ['120', '2h'],
      ['12h', '12h'],
      ['720', '12h'],
      ['1w', '1w'],
      ['w', '1w'],
      ['7d', '1w'],
    ] as const)
      expect(parseInterval(text, all)).toBe(timeframe);
  });

  it('mean nothing for what is not a timeframe offered', () => {
    for (const text of ['', '0', '7', '3h', 'h5', '1.5h', 'abc', '1x', '--'])
      expect(parseInterval(text, all)).toBeNull();
    // Only what the server offers: a replay without 4h refuses it.
    expect(parseInterval('4h', ['1m', '5m', '1h'])).toBeNull();
  });
});
