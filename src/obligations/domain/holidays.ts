import Holidays from 'date-holidays';

// Public holidays of a country, from date-holidays (its data is maintained per country and year, with
// Easter-based and Orthodox feasts and substitute days, which a hand-kept list would get wrong).
// Only nationwide holidays of type "public" count: days that are bank-only (24 and 31 December
// afternoons in Germany, Good Friday in Ireland) and regional holidays are left out, so a deadline
// is never moved later than the whole member state's calendar allows. Deterministic: the result
// depends only on the country and the date.

const calendars = new Map<string, Holidays>();
const byCountryYear = new Map<string, ReadonlySet<string>>();

function publicHolidays(country: string, year: number): ReadonlySet<string> {
  const key = `${country}|${year}`;
  let days = byCountryYear.get(key);
  if (!days) {
    let calendar = calendars.get(country);
    if (!calendar) calendars.set(country, (calendar = new Holidays(country, { types: ['public'] })));
    const list = calendar.getHolidays(year); // unknown country: []
    days = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byCountryYear.set(key, days);
  }
  return days;
}

// date: 'YYYY-MM-DD', the local calendar day in the country.
export function isPublicHoliday(country: string, date: string): boolean {
  return publicHolidays(country, Number(date.slice(0, 4))).has(date);
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export function isWorkingDay(country: string, date: string): boolean {
  return !isWeekend(date) && !isPublicHoliday(country, date);
}
