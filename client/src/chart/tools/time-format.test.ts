import { TickMarkType } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { fileTimestamp, formatCandleTime, formatTickMark, isDaily, zoneLabel } from './time-format.ts';

// Tue 11 May 2021, 14:05 UTC: 10:05 in New York (EDT), 23:05 in Tokyo.
const AT = Date.UTC(2021, 4, 11, 14, 5);

describe('times on the chart', () => {
  it('show a candle in UTC or in another zone', () => {
    expect(formatCandleTime(AT, 'UTC', '1m')).toBe("Tue 11 May '21 14:05");
    expect(formatCandleTime(AT, 'America/New_York', '15m')).toBe("Tue 11 May '21 10:05");
    expect(formatCandleTime(Date.UTC(2021, 4, 11, 22, 0), 'Asia/Tokyo', '1h')).toBe("Wed 12 May '21 07:00");
  });

  it('date daily and weekly candles by their UTC day in every zone', () => {
    const day = Date.UTC(2021, 4, 11);
    expect(formatCandleTime(day, 'America/New_York', '1d')).toBe("Tue 11 May '21");
    expect(formatCandleTime(day, 'UTC', '1w')).toBe("Tue 11 May '21");
    expect([isDaily('1d'), isDaily('1w'), isDaily('12h'), isDaily('1m')]).toEqual([true, true, false, false]);
  });

  it('label the time axis at the granularity of each mark', () => {
    expect(formatTickMark(AT, TickMarkType.Year, 'UTC', '1d')).toBe('2021');
    expect(formatTickMark(AT, TickMarkType.Month, 'UTC', '1d')).toBe('May');
    expect(formatTickMark(AT, TickMarkType.DayOfMonth, 'UTC', '1h')).toBe('11');
    expect(formatTickMark(AT, TickMarkType.Time, 'UTC', '1m')).toBe('14:05');
    expect(formatTickMark(AT, TickMarkType.Time, 'America/New_York', '1m')).toBe('10:05');
    expect(formatTickMark(AT + 7000, TickMarkType.TimeWithSeconds, 'Asia/Tokyo', '1m')).toBe('23:05:07');
    // Midnight UTC is the evening before in New York; a daily chart still names the UTC day.
    expect(formatTickMark(Date.UTC(2021, 4, 11), TickMarkType.DayOfMonth, 'America/New_York', '1d')).toBe(
      '11',
    );
    expect(formatTickMark(Date.UTC(2021, 4, 11), TickMarkType.DayOfMonth, 'America/New_York', '1h')).toBe(
      '10',
    );
  });

  it('name the zone as people write it', () => {
    expect(zoneLabel('UTC')).toBe('UTC');
    expect(zoneLabel('Asia/Tokyo')).toMatch(/^(GMT\+9|JST)$/);
  });

  it('write file times in UTC without characters file systems refuse', () => {
    expect(fileTimestamp(AT)).toBe('20210511T1405Z');
  });
});
