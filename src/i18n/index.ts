// One catalog of words per language (catalogs/), the one Lang type, and the helpers that say things
// in a language. Nothing outside i18n/ picks words by comparing a language code.
export type { Catalog, PluralKey, TableKey, TextKey } from './catalog';
export { CATALOGS, LANGS, isLang, pickLanguage } from './languages';
export type { Lang } from './languages';
export { plural, t, term, words } from './translate';
export { byLang, sayByLang } from './by-lang';
export type { ByLang } from './by-lang';
export { countryName, decimal, formatInstant, formatNumber, joinWithAnd, upperFirst } from './format';
