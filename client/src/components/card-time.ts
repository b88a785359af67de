import { datePartsOf as partsOf } from '../format/date-parts.ts';

/**
 * Times on the cards, in the zone the user chose for the chart (UTC or the browser's): the time
 * alone when it falls on today's date there, else with the weekday and date (and the year when it is
 * another year), so a forecast days ahead never reads as today: `14:05 UTC`, `Tue 1 Dec 00:00 UTC`.
 */

/** `ms` as the cards show it, in `zone` (an IANA name such as `UTC` or `Europe/Paris`), seen at `now`. */
export function formatCardTime(ms: number, zone: string, now: number): string {
  if (!Number.isFinite(ms)) return '--:--';
  const at = partsOf(ms, zone);
  const today = partsOf(now, zone);
  const time = `${at.hour}:${at.minute} ${zone === 'UTC' ? 'UTC' : at.timeZoneName}`;
  if (at.day === today.day && at.month === today.month && at.year === today.year) return time;
  const year = at.year === today.year ? '' : ` ${at.year}`;
  return `${at.weekday} ${at.day} ${at.month}${year} ${time}`;
}
