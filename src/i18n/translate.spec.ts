import { countryName, decimal, formatInstant, formatNumber, joinWithAnd, upperFirst } from './format';
import { browserLanguage, isLang, LANGS, pickLanguage } from './languages';
import { plural, t, term, words } from './translate';

describe('saying things in a language', () => {
  it('fills a text by its key and refuses one without its placeholder', () => {
    expect(t('de', 'mail.overdueBy', { span: '2 h 5 min' })).toBe('seit 2 h 5 min überschritten');
    expect(t('en', 'mail.overdueBy', { span: '2 h 5 min' })).toBe('overdue by 2 h 5 min');
    expect(t('de', 'clocks.authority')).toBe('Meldung an die Aufsichtsbehörde');
    // @ts-expect-error the text needs {span}: a call without it does not compile, and throws if forced
    expect(() => t('en', 'mail.overdueBy', {})).toThrow('i18n: "mail.overdueBy" needs {span}');
    // @ts-expect-error a key the catalog does not have does not compile either
    expect(() => t('en', 'mail.greeting')).toThrow('i18n: no text "mail.greeting"');
  });

  it('fills placeholders once: a value that looks like a placeholder stays as it is', () => {
    expect(t('en', 'mail.overdueBy', { span: '{span}' })).toBe('overdue by {span}');
  });

  it('says a code from a table, codes with dots included, and shows an unknown code as it is', () => {
    expect(term('de', 'status', 'not_notifiable')).toBe('nicht meldepflichtig');
    expect(term('en', 'missing', 'nature.types')).toBe('type of breach (confidentiality, integrity, availability)');
    expect(term('de', 'draft.subjects', '34(3)(b)')).toMatch(/^Eine Benachrichtigung ist nach Art. 34 Abs. 3 lit. b/);
    expect(term('en', 'cause', 'meteorite')).toBe('meteorite');
  });

  it('puts a count with the form of its word the language asks for', () => {
    expect([plural('de', 'day', 1), plural('de', 'day', 2), plural('en', 'hour', 1), plural('en', 'minute', 0)]).toEqual([
      '1 Tag',
      '2 Tage',
      '1 hour',
      '0 minutes',
    ]);
  });

  it('writes dates, numbers and lists as the language does', () => {
    const instant = new Date('2025-06-09T10:00:00Z');
    expect(formatInstant(instant, 'Europe/Berlin', 'de')).toBe('9. Juni 2025 um 12:00 (UTC+02:00)');
    expect(formatInstant(instant, 'UTC', 'en')).toBe('9 June 2025 at 10:00 (UTC+00:00)');
    expect([formatNumber(12500, 'de'), formatNumber(12500, 'en'), decimal(3.5, 'de'), decimal(3.25, 'en')]).toEqual([
      '12.500',
      '12,500',
      '3,5',
      '3.25',
    ]);
    expect(joinWithAnd(['2 Tage', '3 Stunden', '5 Minuten'], 'de')).toBe('2 Tage, 3 Stunden und 5 Minuten');
    expect(joinWithAnd(['1 hour'], 'en')).toBe('1 hour');
    expect([countryName('AT', 'de'), countryName('AT', 'en'), countryName('??', 'en')]).toEqual(['Österreich', 'Austria', '??']);
    expect(upperFirst(words('en').clocks.processor_to_controller)).toBe('Report to the controller');
  });

  it('knows its languages and picks one from the setting, else the browser, else English', () => {
    expect(LANGS).toEqual(['de', 'en']);
    expect([isLang('de'), isLang('fr'), isLang('toString'), isLang(undefined)]).toEqual([true, false, false, false]);
    expect(pickLanguage('de', 'en-GB')).toBe('de');
    expect(pickLanguage(undefined, 'fr-CH, de;q=0.8, en;q=0.5')).toBe('de');
    expect(pickLanguage(undefined, 'fr')).toBe('en');
  });

  it("reads the browser's language: the first of ours by q-value, by primary subtag, q=0 refused", () => {
    expect(browserLanguage('de-DE,de;q=0.9,en;q=0.5')).toBe('de');
    expect(browserLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7')).toBe('en');
    expect(browserLanguage('en;q=0.5, de-AT;q=0.6')).toBe('de');
    expect(browserLanguage('de; q=0.2, en ; Q=0.3')).toBe('en');
    expect(browserLanguage('en;q=0.8, de;q=0.8')).toBe('en');
    expect(browserLanguage('de;q=0, en;q=0.1')).toBe('en');
    expect(browserLanguage('english, deutsch')).toBeUndefined();
    expect([browserLanguage('*'), browserLanguage(''), browserLanguage(undefined), browserLanguage('de;q=x')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('falls back to the given language when the browser names none of ours', () => {
    expect(pickLanguage(undefined, 'fr', 'de')).toBe('de');
    expect(pickLanguage(undefined, undefined, 'de')).toBe('de');
    expect(pickLanguage(undefined, 'en-US', 'de')).toBe('en');
  });
});
