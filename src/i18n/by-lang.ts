import type { TableKey } from './catalog';
import { CATALOGS, Lang, LANGS } from './languages';
import { lookup, term } from './translate';

// A bridge for code that still picks the language itself (the page controllers, until they call
// term()): a catalog table laid out code → language → text, and the look-up into it.
export type ByLang = Record<string, Record<Lang, string>>;

export function byLang(table: TableKey): ByLang {
  const codes = Object.keys(lookup(CATALOGS.de, table) as object);
  return Object.fromEntries(
    codes.map((code) => [code, Object.fromEntries(LANGS.map((l) => [l, term(l, table, code)])) as Record<Lang, string>]),
  );
}

// A code in words; an unknown code is shown as it is rather than hidden.
export function sayByLang(table: ByLang, code: string, lang: Lang): string {
  return table[code]?.[lang] ?? code;
}
