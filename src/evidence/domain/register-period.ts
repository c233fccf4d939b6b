import type { FieldError } from '../../platform/http/domain-error';
import { fromZonedLocalMovingForward } from '../../platform/clock/zoned-time';
import { isTimeZone } from '../../identity/domain/places';

// The period of a register bundle: whole days from `from` to `to` (both included) in a time zone.
// An incident belongs to the period when its discovery (discoveredAt, the date the register page
// groups its months by) falls on one of those days.
export interface RegisterPeriod {
  from: string;
  to: string;
  timeZone: string;
  // Instants: start of `from`, start of the day after `to` (exclusive).
  start: Date;
  end: Date;
}

// At most this many days, `from` and `to` included (a leap year is one year).
export const MAX_PERIOD_DAYS = 366;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function dayNumber(value: unknown): number | null {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  if (!m) return null;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || y < 1970 || y >= 2200) return null;
  return ms / DAY_MS;
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

// The period, or the problems with its fields (each naming `from` or `to`).
export function readPeriod(from: unknown, to: unknown, timeZone: string): { period: RegisterPeriod } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isTimeZone(timeZone)) errors.push({ path: 'timeZone', message: 'is not an IANA time zone, e.g. Europe/Berlin' });
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (first === null) errors.push({ path: 'from', message: 'must be a date YYYY-MM-DD' });
  if (last === null) errors.push({ path: 'to', message: 'must be a date YYYY-MM-DD' });
  if (first === null || last === null || errors.length) return { errors };
  if (first > last) return { errors: [{ path: 'to', message: 'must not be before from' }] };
  if (last - first + 1 > MAX_PERIOD_DAYS) {
    return {
      errors: [{ path: 'to', message: `must be at most ${MAX_PERIOD_DAYS} days from from, both included (a period of at most one year)` }],
    };
  }
  const start = fromZonedLocalMovingForward(`${isoDay(first)}T00:00`, timeZone)!;
  const end = fromZonedLocalMovingForward(`${isoDay(last + 1)}T00:00`, timeZone)!;
  return { period: { from: isoDay(first), to: isoDay(last), timeZone, start, end } };
}
