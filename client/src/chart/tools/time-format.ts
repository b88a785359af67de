import { TickMarkType } from 'lightweight-charts';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/market-basics.ts';
import type { TimeZoneChoice } from '../../../../shared/workspace.ts';

/**
 * Times on the axis, under the crosshair and in the legend, in UTC or in the browser's zone. Only the
 * labels change: the candles stay on the exchange's UTC buckets, and a daily or weekly candle keeps
 * its UTC date in either zone, since it is that UTC day's candle (in New York the 29 Nov candle
 * opens on the evening of the 28th, and calling it the 28th would name the wrong day).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** An IANA zone: `UTC`, or the browser's own for `local`. */
export function zoneFor(choice: TimeZoneChoice): string {
  return choice === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Whether a timeframe's candles are whole UTC days (or weeks), dated rather than timed. */
export function isDaily(timeframe: Timeframe): boolean {
  return TIMEFRAME_MS[timeframe] >= DAY_MS;
}

type Part = 'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute' | 'second' | 'timeZoneName';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The parts of `ms` in `zone`, from one cached formatter per zone: `{ day: '29', month: 'Nov', … }`. */
function partsOf(ms: number, zone: string): Record<Part, string> {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(zone, format);
  }
  const parts = {} as Record<Part, string>;
  for (const { type, value } of format.formatToParts(ms)) parts[type as Part] = value;
  return parts;
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();

function fullYear(ms: number, zone: string): string {
  let format = yearFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric' });
    yearFormats.set(zone, format);
  }
  return format.format(ms);
}

/** The zone as people write it: `UTC`, `GMT+1`, `CET`, `EST`. */
export function zoneLabel(zone: string): string {
  return zone === 'UTC' ? 'UTC' : (partsOf(Date.now(), zone).timeZoneName ?? zone);
}

/** A candle's time as the crosshair and the legend show it: `Tue 11 May '21 14:05`, or the date alone for daily candles. */
export function formatCandleTime(ms: number, zone: string, timeframe: Timeframe): string {
  if (isDaily(timeframe)) {
    const p = partsOf(ms, 'UTC');
    return `${p.weekday} ${p.day} ${p.month} '${p.year}`;
  }
  const p = partsOf(ms, zone);
  return `${p.weekday} ${p.day} ${p.month} '${p.year} ${p.hour}:${p.minute}`;
}

/** A label on the time axis, at the granularity lightweight-charts chose for that mark. */
export function formatTickMark(ms: number, type: TickMarkType, zone: string, timeframe: Timeframe): string {
  const at = isDaily(timeframe) ? 'UTC' : zone;
  const p = partsOf(ms, at);
  switch (type) {
    case TickMarkType.Year:
      return fullYear(ms, at);
    case TickMarkType.Month:
      return p.month;
    case TickMarkType.DayOfMonth:
      return p.day;
    case TickMarkType.Time:
      return `${p.hour}:${p.minute}`;
    case TickMarkType.TimeWithSeconds:
      return `${p.hour}:${p.minute}:${p.second}`;
  }
}

/** `20210511T1405Z`: a time for a file name, always UTC, with no characters a file system refuses. */
export function fileTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/:\d\d\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
