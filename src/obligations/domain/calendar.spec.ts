import { addHours, dayOfDeadline, endOfCalendarMonths, isPublicHoliday, isWorkingDay, memberStateZone, shiftToNextWorkingDayNoon } from '.';

// The clock arithmetic by example; calendar.property.spec.ts checks the same rules on generated instants.

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('addHours: exact on UTC instants', () => {
  it('keeps milliseconds and counts every hour', () => {
    expect(iso(addHours(at('2025-03-29T23:30:00.123Z'), 24))).toBe('2025-03-30T23:30:00.123Z');
  });
});

describe('endOfCalendarMonths: Reg. 1182/71 Art. 3(2)(c)', () => {
  const berlin = 'Europe/Berlin';

  it('ends with the expiry of the day with the same date: 10 March 14:00 CET → 11 April 00:00 CEST', () => {
    expect(iso(endOfCalendarMonths(at('2025-03-10T13:00:00Z'), 1, berlin))).toBe('2025-04-10T22:00:00.000Z');
  });

  it('31 January + 1 month ends with 28 February, or 29 February in a leap year', () => {
    expect(iso(endOfCalendarMonths(at('2025-01-31T12:00:00Z'), 1, berlin))).toBe('2025-02-28T23:00:00.000Z');
    expect(iso(endOfCalendarMonths(at('2024-01-31T12:00:00Z'), 1, berlin))).toBe('2024-02-29T23:00:00.000Z');
  });

  it('29 February + 1 month → end of 29 March; + 12 months → end of 28 February', () => {
    expect(iso(endOfCalendarMonths(at('2024-02-29T12:00:00Z'), 1, berlin))).toBe('2024-03-29T23:00:00.000Z');
    expect(iso(endOfCalendarMonths(at('2024-02-29T12:00:00Z'), 12, berlin))).toBe('2025-02-28T23:00:00.000Z');
  });

  it('crosses the year: 15 December + 1 month → end of 15 January', () => {
    expect(iso(endOfCalendarMonths(at('2025-12-15T09:00:00Z'), 1, berlin))).toBe('2026-01-15T23:00:00.000Z');
  });

  it('the zone decides the date an instant falls on and when the day ends', () => {
    const start = at('2025-01-31T23:30:00Z'); // 31 January in London and Lisbon, 1 February in Berlin
    expect(iso(endOfCalendarMonths(start, 1, 'Europe/London'))).toBe('2025-03-01T00:00:00.000Z');
    expect(iso(endOfCalendarMonths(start, 1, berlin))).toBe('2025-03-01T23:00:00.000Z');
    expect(iso(endOfCalendarMonths(start, 1, 'UTC'))).toBe('2025-03-01T00:00:00.000Z');
  });

  it('a period ending on the night DST starts or ends still ends at local midnight', () => {
    expect(iso(endOfCalendarMonths(at('2025-02-28T12:00:00Z'), 1, berlin))).toBe('2025-03-28T23:00:00.000Z');
    expect(iso(endOfCalendarMonths(at('2025-03-29T12:00:00Z'), 1, berlin))).toBe('2025-04-29T22:00:00.000Z');
    expect(iso(endOfCalendarMonths(at('2025-09-25T12:00:00Z'), 1, berlin))).toBe('2025-10-25T22:00:00.000Z');
    expect(iso(endOfCalendarMonths(at('2025-09-26T12:00:00Z'), 1, berlin))).toBe('2025-10-26T23:00:00.000Z');
  });
});

describe('working days and the DORA shift', () => {
  it('knows German public holidays (nationwide only) and weekends', () => {
    expect(isPublicHoliday('DE', '2025-06-09')).toBe(true); // Whit Monday
    expect(isPublicHoliday('DE', '2025-10-03')).toBe(true);
    expect(isPublicHoliday('DE', '2025-01-06')).toBe(false); // Epiphany: only some Länder
    expect(isPublicHoliday('DE', '2025-12-24')).toBe(false); // a bank-only afternoon, not a public holiday
    expect(isWorkingDay('DE', '2025-06-07')).toBe(false);
    expect(isWorkingDay('DE', '2025-06-10')).toBe(true);
    expect(isPublicHoliday('IE', '2025-03-17')).toBe(true); // St Patrick's Day
  });

  it('a deadline at exactly local midnight belongs to the day that ends there', () => {
    expect(dayOfDeadline(at('2025-06-08T22:00:00Z'), 'Europe/Berlin')).toBe('2025-06-08');
    expect(dayOfDeadline(at('2025-06-08T22:00:00.001Z'), 'Europe/Berlin')).toBe('2025-06-09');
  });

  it('moves a weekend or holiday deadline to 12:00 local of the next working day, and leaves others alone', () => {
    const zone = memberStateZone('DE');
    expect(iso(shiftToNextWorkingDayNoon(at('2025-06-07T00:00:00Z'), 'DE', zone))).toBe('2025-06-10T10:00:00.000Z');
    expect(iso(shiftToNextWorkingDayNoon(at('2025-06-06T21:59:59Z'), 'DE', zone))).toBe('2025-06-06T21:59:59.000Z');
    expect(iso(shiftToNextWorkingDayNoon(at('2025-06-06T22:00:00Z'), 'DE', zone))).toBe('2025-06-06T22:00:00.000Z'); // end of Friday
    expect(iso(shiftToNextWorkingDayNoon(at('2025-04-18T08:00:00Z'), 'DE', zone))).toBe('2025-04-22T10:00:00.000Z'); // Good Friday → Tuesday after Easter Monday
  });

  it("member states count in their capital's zone; others in UTC", () => {
    expect(memberStateZone('PT')).toBe('Europe/Lisbon');
    expect(memberStateZone('US')).toBe('UTC');
  });
});
