// One catalog of words per language (catalogs/), the one Lang type, and the helpers that say things
// in a language. Nothing outside i18n/ picks words by comparing a language code.
export type { Catalog, PluralKey, TableKey, TextKey } from './catalog';
export { CATALOGS, LANGS, browserLanguage, isLang, pickLanguage } from './languages';
export type { Lang } from './languages';
export { plural, t, term, words } from './translate';
export { wordsFor } from './page-words';
export type { Words } from './page-words';
export { countryName, decimal, formatInstant, formatNumber, joinWithAnd, upperFirst } from './format';
