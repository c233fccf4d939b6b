import { fromZonedLocalMovingForward, toZonedIso } from '../../platform/clock/zoned-time';
import { isWorkingDay } from './holidays';

// Clock arithmetic for obligations. Pure: instants in, instants out.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// The zone whose calendar day ends a period for a member state (its capital's). Countries outside
// the table count in UTC.
const MEMBER_STATE_ZONES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  LI: 'Europe/Vaduz',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
  GB: 'Europe/London',
  CH: 'Europe/Zurich',
};

export function memberStateZone(country: string): string {
  return MEMBER_STATE_ZONES[country] ?? 'UTC';
}

// Exact hours on UTC instants: nights, weekends, holidays and DST changes never move the end.
export function addHours(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * HOUR_MS);
}

// 'YYYY-MM-DD' of the instant in the zone.
export function localDate(instant: Date, zone: string): string {
  return toZonedIso(instant, zone).slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

// The first instant of a local calendar day (after the gap, if the day starts in a DST gap).
export function startOfLocalDay(date: string, zone: string): Date {
  return fromZonedLocalMovingForward(`${date}T00:00`, zone)!;
}

// Reg. (EEC, Euratom) No 1182/71: the day of the event is not counted (Art. 3(1)); a period in months
// ends with the expiry of the last hour of the day in the last month with the same date as the day
// it runs from, or of that month's last day when the date does not exist there (Art. 3(2)(c)).
// Returned as the instant that expiry happens: the start of the next local day, so that a filing at
// that instant is still on time (met at exactly dueAt) and one a millisecond later is late.
export function endOfCalendarMonths(start: Date, months: number, zone: string): Date {
  const [year, month, day] = localDate(start, zone).split('-').map(Number);
  const index = month - 1 + months;
  const targetYear = year + Math.floor(index / 12);
  const targetMonth = ((index % 12) + 12) % 12; // 0-based
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const endDay = new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10);
  return startOfLocalDay(addDays(endDay, 1), zone);
}

// The local day a deadline falls on: the day whose time it ends. A deadline at exactly local
// midnight belongs to the day that ends there (a period "ending with the expiry of the last hour").
export function dayOfDeadline(dueAt: Date, zone: string): string {
  return localDate(new Date(dueAt.getTime() - 1), zone);
}

// DORA Del. Reg. 2025/301 Art. 5(4): a deadline falling on a weekend day or a bank holiday in the
// member state moves to 12:00 (local) of the next working day. Otherwise it stays as it is.
export function shiftToNextWorkingDayNoon(dueAt: Date, country: string, zone: string): Date {
  const day = dayOfDeadline(dueAt, zone);
  if (isWorkingDay(country, day)) return dueAt;
  let next = addDays(day, 1);
  for (let guard = 0; guard < 31 && !isWorkingDay(country, next); guard++) next = addDays(next, 1);
  return fromZonedLocalMovingForward(`${next}T12:00`, zone)!;
}
