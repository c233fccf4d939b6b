import type { Catalog, ParamsOf, PluralForms, PluralKey, TableKey, TextKey } from './catalog';
import { CATALOGS, Lang } from './languages';

export type Params = Record<string, string | number>;

// A language's whole catalog, typed: words(lang).draft.subjects.pending.
export function words(lang: Lang): Catalog {
  return CATALOGS[lang];
}

// One text by its key, its {placeholders} filled: t('de', 'mail.overdueBy', { span: '2 h 5 min' }).
// The placeholders a text needs are known from its key: leaving one out does not compile.
export function t<K extends TextKey>(lang: Lang, key: K, ...params: ParamsOf<K>): string {
  const text = lookup(CATALOGS[lang], key);
  if (typeof text !== 'string') throw new Error(`i18n: no text "${key}"`);
  return params.length ? fill(text, params[0] as Params, key) : text;
}

// A code in words from one of the catalog's tables ("status", "cause", …); an unknown code is shown as
// it is rather than hidden.
export function term(lang: Lang, table: TableKey, code: string): string {
  const found = (lookup(CATALOGS[lang], table) as Record<string, unknown> | undefined)?.[code];
  return typeof found === 'string' ? found : code;
}

// A count with its word in the right form: "1 Tag", "2 Tage", "3 days".
export function plural(lang: Lang, word: PluralKey, n: number): string {
  const forms: PluralForms = CATALOGS[lang].plural[word];
  return `${n} ${forms[pluralRules(lang).select(n)] ?? forms.other}`;
}

export function fill(text: string, params: Params, key = text): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`i18n: "${key}" needs {${name}}`);
    return String(params[name]);
  });
}

// Keys are dotted paths; a table's own codes may hold dots ("nature.types"), so the longest match wins.
export function lookup(node: unknown, key: string): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (Object.hasOwn(record, key)) return record[key];
  const dot = key.indexOf('.');
  return dot < 0 ? undefined : lookup(record[key.slice(0, dot)], key.slice(dot + 1));
}

const rules = new Map<Lang, Intl.PluralRules>();
function pluralRules(lang: Lang): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(CATALOGS[lang].locale)));
  return r;
}
