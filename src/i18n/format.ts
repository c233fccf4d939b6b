import { toZonedIso } from '../platform/clock/zoned-time';
import { Lang } from './languages';
import { words } from './translate';

// Dates, numbers and lists as each language writes them; the locale comes from the catalog.

const formatters = new Map<string, Intl.DateTimeFormat>();

// "9. Juni 2025 um 12:00 (UTC+02:00)" / "9 June 2025 at 12:00 (UTC+02:00)". Formatters are costly to
// build, so one per language and zone is kept.
export function formatInstant(instant: Date, timeZone: string, lang: Lang): string {
  const key = `${lang}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(words(lang).locale, { timeZone, dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' });
    formatters.set(key, formatter);
  }
  const text = formatter.format(instant);
  const offset = toZonedIso(instant, timeZone).slice(19);
  return `${text} (UTC${offset === 'Z' ? '+00:00' : offset})`;
}

// A whole number with the language's grouping: 12.500 in German, 12,500 in English.
export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(words(lang).locale).format(n);
}

// A score as its readers write numbers: 3,5 in German, 3.5 in English.
export function decimal(n: number, lang: Lang): string {
  return n.toLocaleString(words(lang).locale, { maximumFractionDigits: 2 });
}

// "2 Tage, 3 Stunden und 5 Minuten": the last two joined by the language's "and".
export function joinWithAnd(items: string[], lang: Lang): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${words(lang).units.and} ${items[items.length - 1]}`;
}

// A country's name in the language ("Österreich", "Austria"); the code when Intl does not know it.
export function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// "Meldung an den Verantwortlichen" stays; "report to the controller" starts a heading or a cell.
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
