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

// The user's setting first; before sign-in, the browser's Accept-Language; English otherwise.
export function pickLanguage(setting: Lang | undefined, acceptLanguage: string | undefined): Lang {
  if (setting) return setting;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => isLang(x.lang))
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Lang) ?? 'en';
}
