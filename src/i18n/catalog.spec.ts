import type { Catalog } from './catalog';
import { catalogProblems } from './catalog-check';
import { de } from './catalogs/de';
import { en } from './catalogs/en';
import { CATALOGS, LANGS } from './languages';

describe('the catalogs of words', () => {
  it.each(LANGS)('%s has exactly the German keys, with the same placeholders in each text', (lang) => {
    expect(catalogProblems(de, CATALOGS[lang])).toEqual([]);
  });

  it('rejects a catalog that misses a key: a type error, and the check names the key', () => {
    const { none: _none, ...draftWithoutNone } = en.draft;
    const broken = { ...en, draft: draftWithoutNone };
    // @ts-expect-error a catalog without draft.none is not a Catalog
    const _typed: Catalog = broken;
    expect(catalogProblems(de, broken)).toEqual(['missing draft.none']);
  });

  it('rejects a catalog with a key the reference lacks, or a text whose placeholders differ', () => {
    const extra = { ...en, mail: { ...en.mail, greeting: 'Hello' } };
    expect(catalogProblems(de, extra)).toEqual(['unknown key mail.greeting']);
    const renamed = { ...en, mail: { ...en.mail, overdueBy: 'overdue by {time}' } };
    expect(catalogProblems(de, renamed)).toEqual(['placeholders differ: mail.overdueBy (span ≠ time)']);
  });

  it('asks a plural word for its "other" form and lets a language add forms German does not have', () => {
    const withoutOther = { ...en, plural: { ...en.plural, day: { one: 'day' } } };
    expect(catalogProblems(de, withoutOther)).toEqual(['missing plural.day.other']);
    const moreForms = { ...en, plural: { ...en.plural, day: { one: 'dzień', few: 'dni', many: 'dni', other: 'dnia' } } };
    expect(catalogProblems(de, moreForms)).toEqual([]);
  });

  it('says a key that leads to a table, not a text, is not a text', () => {
    expect(catalogProblems(de, { ...en, status: 'draft' })).toEqual(['not a table: status']);
    expect(catalogProblems(de, { ...en, locale: { de: 'x' } })).toEqual(['not a text: locale']);
  });
});
