/**
 * Times on the cards, in the zone the user chose for the chart (UTC or the browser's): the time
 * alone when it falls on today's date there, else with the weekday and date (and the year when it is
 * another year), so a forecast days ahead never reads as today: `14:05 UTC`, `Tue 1 Dec 00:00 UTC`.
 */

type Part = 'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute' | 'timeZoneName';

const formats = new Map<string, Intl.DateTimeFormat>();

function partsOf(ms: number, zone: string): Record<Part, string> {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(zone, format);
  }
  const parts = {} as Record<Part, string>;
  for (const { type, value } of format.formatToParts(ms)) parts[type as Part] = value;
  return parts;
}

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
