import { TickMarkType } from 'lightweight-charts';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/market-basics.ts';
import type { TimeZoneChoice } from '../../../../shared/workspace.ts';
import { datePartsOf as partsOf } from '../../format/date-parts.ts';

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

/** The zone as people write it: `UTC`, `GMT+1`, `CET`, `EST`. */
export function zoneLabel(zone: string): string {
  return zone === 'UTC' ? 'UTC' : (partsOf(Date.now(), zone).timeZoneName ?? zone);
}

/** A candle's time as the crosshair and the legend show it: `Tue 11 May '21 14:05`, or the date alone for daily candles. */
export function formatCandleTime(ms: number, zone: string, timeframe: Timeframe): string {
  if (isDaily(timeframe)) {
    const p = partsOf(ms, 'UTC');
    return `${p.weekday} ${p.day} ${p.month} '${p.year.slice(-2)}`;
  }
  const p = partsOf(ms, zone);
  return `${p.weekday} ${p.day} ${p.month} '${p.year.slice(-2)} ${p.hour}:${p.minute}`;
}

/** A label on the time axis, at the granularity lightweight-charts chose for that mark. */
export function formatTickMark(ms: number, type: TickMarkType, zone: string, timeframe: Timeframe): string {
  const at = isDaily(timeframe) ? 'UTC' : zone;
  const p = partsOf(ms, at);
  switch (type) {
    case TickMarkType.Year:
      return p.year;
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
