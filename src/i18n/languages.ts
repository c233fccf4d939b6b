import type { Catalog } from './catalog';
import { de } from './catalogs/de';
import { en } from './catalogs/en';

// The languages breachclock speaks, each with its catalog. A third language is its catalog in
// catalogs/<code>.ts (the German keys, its own words) and one entry here: nothing else changes.
export const CATALOGS = { de, en } satisfies Record<string, Catalog>;

export type Lang = keyof typeof CATALOGS;

export const LANGS = Object.keys(CATALOGS) as Lang[];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(CATALOGS, value);
}

// The browser's language: the first of ours in Accept-Language by q-value ("fr-CH, de;q=0.8, en;q=0.5"
// → de). A tag counts by its primary subtag (de-AT → de); q=0 means "not this one"; equal q-values
// keep the header's order; "*" and malformed parts name no language. Undefined: none of ours.
export function browserLanguage(acceptLanguage: string | undefined): Lang | undefined {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.split(';').map((x) => x.trim());
      const qParam = params.find((x) => /^q\s*=/i.test(x));
      const q = qParam === undefined ? 1 : Number(qParam.slice(qParam.indexOf('=') + 1).trim());
      return { lang: tag.split('-')[0].toLowerCase(), q: Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0, index };
    })
    .filter((x) => x.q > 0 && isLang(x.lang))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang as Lang | undefined;
}

// The language a page speaks: the user's setting first; without one (before sign-in, or a user who has
// not chosen), the browser's; else the fallback (the organization's language, or English).
export function pickLanguage(setting: Lang | undefined, acceptLanguage: string | undefined, fallback: Lang = 'en'): Lang {
  return setting ?? browserLanguage(acceptLanguage) ?? fallback;
}
