import type { ChatFigure } from '../../../shared/chat-answer.ts';
import type { ChatError } from '../store/chat-slice.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The time of an answer's data, in UTC like the chart's axis: "as of 14:05 UTC" today, with the date
 * otherwise, since a daily candle or an old conversation is not about the last hours.
 */
export function formatAsOf(time: number, now: number): string {
  const at = new Date(time);
  const today = new Date(now);
  const clock = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
  if (at.toISOString().slice(0, 10) === today.toISOString().slice(0, 10)) return `as of ${clock}`;
  const year = at.getUTCFullYear() === today.getUTCFullYear() ? '' : ` ${at.getUTCFullYear()}`;
  return `as of ${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}${year}, ${clock}`;
}

/** When an answer's market data stopped updating (an exchange outage), in the same words as its text. */
export function formatStaleSince(time: number, now: number): string {
  return `stale since ${formatAsOf(time, now).slice('as of '.length)}`;
}

/** The one data time a card shows under its figures, or null when they differ and each shows its own. */
export function commonAsOf(figures: readonly ChatFigure[]): number | null {
  const first = figures[0]?.asOf;
  return first !== undefined && figures.every((f) => f.asOf === first) ? first : null;
}

/** When a conversation was last active, for the list: "just now", "5 min ago", "3 h ago", "12 May". */
export function formatAgo(time: number, now: number): string {
  const elapsed = now - time;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)} d ago`;
  const at = new Date(time);
  const year = at.getUTCFullYear() === new Date(now).getUTCFullYear() ? '' : ` ${at.getUTCFullYear()}`;
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}${year}`;
}

/** A headline for an inline error, so the kind of failure reads at a glance; the server's words follow. */
export function chatErrorTitle(error: ChatError): string {
  switch (error.code) {
    case 'RATE_LIMITED':
      return 'Slow down';
    case 'UNAUTHENTICATED':
      return 'Signed out';
    case 'UNREACHABLE':
      return 'Server unreachable';
    case 'TEMPORARILY_UNAVAILABLE':
      return 'Temporarily unavailable';
    case 'NOT_FOUND':
      return 'Not found';
    case 'INVALID_PAYLOAD':
      return 'Cannot send that';
    default:
      return 'Something went wrong';
  }
}

/** Characters left before the limit, shown only when it is near (null otherwise); negative when over. */
export function charactersLeft(length: number, max: number, warnWithin = 100): number | null {
  const left = max - length;
  return left <= warnWithin ? left : null;
}
