import { describe, expect, it } from 'vitest';
import {
  charactersLeft,
  chatErrorTitle,
  commonAsOf,
  formatAgo,
  formatAsOf,
  formatStaleSince,
} from './chat-text.ts';

const NOW = Date.UTC(2024, 4, 12, 16, 30);

describe('formatAsOf', () => {
  it('gives the UTC time of data from today, and the date too for older data', () => {
    expect(formatAsOf(Date.UTC(2024, 4, 12, 14, 5), NOW)).toBe('as of 14:05 UTC');
    expect(formatAsOf(Date.UTC(2024, 4, 11, 0, 0), NOW)).toBe('as of 11 May, 00:00 UTC');
    expect(formatAsOf(Date.UTC(2023, 11, 31, 23, 59), NOW)).toBe('as of 31 Dec 2023, 23:59 UTC');
  });
});

describe('formatStaleSince', () => {
  it('says since when an answer’s data stopped, like the answer’s own text', () => {
    expect(formatStaleSince(Date.UTC(2024, 4, 12, 14, 2), NOW)).toBe('stale since 14:02 UTC');
    expect(formatStaleSince(Date.UTC(2024, 4, 11, 23, 58), NOW)).toBe('stale since 11 May, 23:58 UTC');
  });
});

describe('chatErrorTitle', () => {
  it('names a momentary outage as such', () => {
    expect(chatErrorTitle({ code: 'TEMPORARILY_UNAVAILABLE', message: '' })).toBe('Temporarily unavailable');
  });
});

describe('commonAsOf', () => {
  it('is the shared data time, or null when the figures differ', () => {
    const figure = (asOf: number) => ({ label: 'RSI', value: '61.2', asOf });
    expect(commonAsOf([figure(1), figure(1)])).toBe(1);
    expect(commonAsOf([figure(1), figure(2)])).toBeNull();
    expect(commonAsOf([])).toBeNull();
  });
});

describe('formatAgo', () => {
  it('reads as a relative time, then as a date', () => {
    expect(formatAgo(NOW - 10_000, NOW)).toBe('just now');
    expect(formatAgo(NOW - 5 * 60_000, NOW)).toBe('5 min ago');
    expect(formatAgo(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago');
    expect(formatAgo(NOW - 2 * 86_400_000, NOW)).toBe('2 d ago');
    expect(formatAgo(Date.UTC(2024, 0, 3), NOW)).toBe('3 Jan');
  });
});

describe('charactersLeft', () => {
  it('stays quiet until the limit is near, then counts down past zero', () => {
    expect(charactersLeft(10, 1000)).toBeNull();
    expect(charactersLeft(950, 1000)).toBe(50);
    expect(charactersLeft(1003, 1000)).toBe(-3);
  });
});
