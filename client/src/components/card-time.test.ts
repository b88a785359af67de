import { describe, expect, it } from 'vitest';
import { formatCardTime } from './card-time.ts';

const NOW = Date.UTC(2026, 10, 28, 22, 30); // Saturday 28 November 2026, 22:30 UTC

describe('formatCardTime', () => {
  it('gives the time alone on today’s date', () => {
    expect(formatCardTime(Date.UTC(2026, 10, 28, 23, 50), 'UTC', NOW)).toBe('23:50 UTC');
  });

  it('dates a time on another day, so a forecast days ahead never reads as today', () => {
    expect(formatCardTime(Date.UTC(2026, 11, 1), 'UTC', NOW)).toBe('Tue 1 Dec 00:00 UTC');
    expect(formatCardTime(Date.UTC(2026, 10, 29, 0, 10), 'UTC', NOW)).toBe('Sun 29 Nov 00:10 UTC');
    expect(formatCardTime(Date.UTC(2027, 0, 4), 'UTC', NOW)).toBe('Mon 4 Jan 2027 00:00 UTC');
  });

  it('reads days and times in the chosen zone, named as people write it', () => {
    // 23:50 UTC is already Sunday in Paris (UTC+1 in November).
    // The zone's short name is the ICU's: CET in most builds, GMT+1 in some.
    expect(formatCardTime(Date.UTC(2026, 10, 28, 23, 50), 'Europe/Paris', NOW)).toMatch(
      /^Sun 29 Nov 00:50 (CET|GMT\+1)$/,
    );
    expect(formatCardTime(Date.UTC(2026, 10, 28, 21, 0), 'Europe/Paris', NOW)).toMatch(
      /^22:00 (CET|GMT\+1)$/,
    );
  });

  it('says so when the time is not a time', () => {
    expect(formatCardTime(Number.NaN, 'UTC', NOW)).toBe('--:--');
  });
});
