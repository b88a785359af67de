/** The parts of a moment a label is built from, as Intl names them. */
export type DatePart = 'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute' | 'second' | 'timeZoneName';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The parts of `ms` in `zone` (an IANA name such as `UTC` or `Europe/Paris`), from one cached
 * formatter per zone: `{ weekday: 'Tue', day: '1', month: 'Dec', year: '2026', hour: '00', … }`.
 */
export function datePartsOf(ms: number, zone: string): Record<DatePart, string> {
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
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(zone, format);
  }
  const parts = {} as Record<DatePart, string>;
  for (const { type, value } of format.formatToParts(ms)) parts[type as DatePart] = value;
  return parts;
}
