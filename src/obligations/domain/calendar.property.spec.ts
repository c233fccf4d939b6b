import fc from 'fast-check';
import { toZonedIso } from '../../platform/clock/zoned-time';
import {
  addHours,
  dayOfDeadline,
  dueAtFor,
  endOfCalendarMonths,
  isWorkingDay,
  localDate,
  memberStateZone,
  periodEnd,
  REGIME_ENTRIES,
  shiftToNextWorkingDayNoon,
} from '.';
import { at, facts } from '../../../test/support/obligation-facts';
import { EXACT_HOURS } from './regime-entry';

// Properties of the clock arithmetic on generated instants: DST transitions, month ends, leap years,
// a deadline never before its start, hours independent of the zone, monotonicity.

const RUNS = { numRuns: 400 };
const EUROPE = ['Europe/Berlin', 'Europe/London', 'Europe/Lisbon', 'Europe/Athens', 'Europe/Dublin', 'Atlantic/Reykjavik', 'UTC'];
const COUNTRIES = ['DE', 'AT', 'FR', 'IE', 'IT', 'GR', 'PT', 'ES', 'SE', 'PL'];
// Around the DST changes (last Sundays of March and October, 01:00 UTC), and month and year ends.
const EDGES = [
  '2024-03-31T01:00:00Z',
  '2024-10-27T01:00:00Z',
  '2025-03-30T01:00:00Z',
  '2025-10-26T01:00:00Z',
  '2024-02-29T12:00:00Z',
  '2025-12-31T23:00:00Z',
  '2028-02-29T00:30:00Z',
];

const instant = fc.oneof(
  fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2060-12-31T00:00:00Z'), noInvalidDate: true }),
  fc
    .tuple(fc.constantFrom(...EDGES), fc.integer({ min: -48 * 60, max: 48 * 60 }))
    .map(([edge, minutes]) => new Date(at(edge).getTime() + minutes * 60_000)),
);
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate(); // month 1-based

describe('hours periods', () => {
  it('end exactly hours × 3600 s after the start, whatever the zone or member state', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom(...COUNTRIES),
        fc.constantFrom(...COUNTRIES),
        (start, hours, a, b) => {
          const endA = periodEnd({ kind: 'hours', hours }, EXACT_HOURS, start, { country: a, zone: memberStateZone(a) }, null)!;
          const endB = periodEnd({ kind: 'hours', hours }, EXACT_HOURS, start, { country: b, zone: memberStateZone(b) }, null)!;
          expect(endA.getTime() - start.getTime()).toBe(hours * 3_600_000);
          expect(endB.getTime()).toBe(endA.getTime());
          expect(addHours(start, hours).getTime()).toBe(endA.getTime());
        },
      ),
      RUNS,
    );
  });
});

describe('calendar months (Reg. 1182/71 Art. 3(2)(c))', () => {
  it("end at a local midnight, after the start, on the day with the same date or the month's last day", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 24 }), fc.constantFrom(...EUROPE), (start, months, zone) => {
        const end = endOfCalendarMonths(start, months, zone);
        expect(end.getTime()).toBeGreaterThan(start.getTime());
        expect(toZonedIso(end, zone).slice(11, 19)).toBe('00:00:00');
        const [y, m, d] = localDate(start, zone).split('-').map(Number);
        const index = m - 1 + months;
        const ty = y + Math.floor(index / 12);
        const tm = (index % 12) + 1;
        const expected = `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, daysIn(ty, tm))).padStart(2, '0')}`;
        expect(dayOfDeadline(end, zone)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('month ends and leap years: the 29th–31st end on the last day of a shorter month, never in the next month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2060 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 28, max: 31 }),
        fc.integer({ min: 1, max: 12 }),
        (year, month, day, months) => {
          fc.pre(day <= daysIn(year, month));
          const start = new Date(Date.UTC(year, month - 1, day, 12));
          const endDay = dayOfDeadline(endOfCalendarMonths(start, months, 'UTC'), 'UTC');
          const index = month - 1 + months;
          const ty = year + Math.floor(index / 12);
          const tm = (index % 12) + 1;
          expect(endDay.slice(0, 7)).toBe(`${ty}-${String(tm).padStart(2, '0')}`);
          expect(Number(endDay.slice(8))).toBe(Math.min(day, daysIn(ty, tm)));
        },
      ),
      RUNS,
    );
  });

  it('are monotone: a later start never ends earlier (also in a zone with DST at midnight)', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.integer({ min: 1, max: 13 }),
        fc.constantFrom(...EUROPE, 'America/Sao_Paulo'),
        (s1, s2, months, zone) => {
          const [a, b] = s1.getTime() <= s2.getTime() ? [s1, s2] : [s2, s1];
          expect(endOfCalendarMonths(a, months, zone).getTime()).toBeLessThanOrEqual(endOfCalendarMonths(b, months, zone).getTime());
          expect(endOfCalendarMonths(a, months, zone).getTime()).toBeGreaterThan(a.getTime());
        },
      ),
      RUNS,
    );
  });
});

describe('the DORA weekend and bank-holiday shift', () => {
  it('never moves a deadline earlier; moves only off non-working days, to 12:00 local of the first working day after', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...COUNTRIES), (due, country) => {
        const zone = memberStateZone(country);
        const shifted = shiftToNextWorkingDayNoon(due, country, zone);
        const day = dayOfDeadline(due, zone);
        if (isWorkingDay(country, day)) return expect(shifted.getTime()).toBe(due.getTime());
        expect(shifted.getTime()).toBeGreaterThan(due.getTime());
        const local = toZonedIso(shifted, zone);
        expect(local.slice(11, 19)).toBe('12:00:00');
        const target = local.slice(0, 10);
        expect(isWorkingDay(country, target)).toBe(true);
        for (let d = new Date(`${day}T00:00:00Z`); d.toISOString().slice(0, 10) < target; d = new Date(d.getTime() + 86_400_000)) {
          expect(isWorkingDay(country, d.toISOString().slice(0, 10))).toBe(false);
        }
      }),
      RUNS,
    );
  });
});

describe('every regime entry', () => {
  const anchorFacts = (t: Date) =>
    facts({
      organization: { nis2: 'important', dora: true, doraEntityType: 'other', telecom: true, country: 'DE' },
      incident: { contract: { noticeHours: 36 }, discoveredAt: t, controllerAwareAt: t, affectedCountries: ['DE', 'GB', 'CH'] },
      decisions: { notifySubjects: true, decidedAt: t },
      classifications: { nis2: { significant: true, awareAt: t }, dora: { major: true, awareAt: t, classifiedAt: t } },
      filings: ['nis2/incident_notification/x', 'dora/initial_notification/x', 'dora/intermediate_report/x'].map((key) => ({
        key,
        filedAt: t,
      })),
    });

  it('is never due before its start', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...REGIME_ENTRIES), (t, entry) => {
        const due = dueAtFor(entry, anchorFacts(t), 'x');
        expect(due.startsAt).not.toBeNull();
        if (due.dueAt) expect(due.dueAt.getTime()).toBeGreaterThanOrEqual(due.startsAt!.getTime());
      }),
      RUNS,
    );
  });

  it('without a working-day shift, is monotone in its anchor: a later start is never due earlier', () => {
    const unshifted = REGIME_ENTRIES.filter((e) => !e.calendar.shift && !e.cap);
    fc.assert(
      fc.property(instant, instant, fc.constantFrom(...unshifted), (t1, t2, entry) => {
        const [a, b] = t1.getTime() <= t2.getTime() ? [t1, t2] : [t2, t1];
        const dueA = dueAtFor(entry, anchorFacts(a), 'x').dueAt;
        const dueB = dueAtFor(entry, anchorFacts(b), 'x').dueAt;
        if (dueA && dueB) expect(dueA.getTime()).toBeLessThanOrEqual(dueB.getTime());
      }),
      RUNS,
    );
  });

  it('DORA initial notification without the shift lies between classification and 4 h after it', () => {
    const entry = REGIME_ENTRIES.find((e) => e.regime === 'dora' && e.duty === 'initial_notification')!;
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 96 * 60 }), (aware, minutes) => {
        const classifiedAt = new Date(aware.getTime() + minutes * 60_000);
        const f = facts({
          organization: { dora: true, doraEntityType: 'credit_institution' },
          classifications: { dora: { major: true, awareAt: aware, classifiedAt } },
        });
        const due = dueAtFor(entry, f, 'de-bafin').dueAt!;
        expect(due.getTime()).toBeGreaterThanOrEqual(classifiedAt.getTime());
        expect(due.getTime()).toBeLessThanOrEqual(classifiedAt.getTime() + 4 * 3_600_000);
        expect(due.getTime()).toBe(
          minutes <= 24 * 60
            ? Math.min(classifiedAt.getTime() + 4 * 3_600_000, aware.getTime() + 24 * 3_600_000)
            : classifiedAt.getTime() + 4 * 3_600_000,
        );
      }),
      RUNS,
    );
  });
});
