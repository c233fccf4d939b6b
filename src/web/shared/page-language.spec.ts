import type { Actor } from '../../identity/domain/actor';
import { inPageLanguage } from './page-language';

const actor = (fields: Partial<Actor>): Actor => ({
  userId: 'u1',
  email: 'dpo@example.com',
  organizationId: 'o1',
  role: 'controller_dpo',
  locale: 'en',
  timeZone: 'Europe/Berlin',
  ...fields,
});

describe('the language of the pages', () => {
  it("follows the browser for a user who has not chosen, else the organization's language", () => {
    const following = actor({ locale: 'en', localeChosen: false });
    expect(inPageLanguage(following, 'de-DE,de;q=0.9,en;q=0.5').locale).toBe('de');
    expect(inPageLanguage(following, 'fr-FR, de;q=0.3, en;q=0.7').locale).toBe('en');
    expect(inPageLanguage(actor({ locale: 'de', localeChosen: false }), 'fr-FR').locale).toBe('de');
    expect(inPageLanguage(actor({ locale: 'de', localeChosen: false }), undefined).locale).toBe('de');
  });

  it('keeps a chosen language whatever the browser asks for, and changes nothing else', () => {
    const chosen = actor({ locale: 'en', localeChosen: true });
    expect(inPageLanguage(chosen, 'de')).toBe(chosen);
    const unknown = actor({ locale: 'en' });
    expect(inPageLanguage(unknown, 'de')).toBe(unknown);
    expect(inPageLanguage(actor({ locale: 'en', localeChosen: false }), 'de')).toEqual(actor({ locale: 'de', localeChosen: false }));
  });
});
