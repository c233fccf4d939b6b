import type { Authority } from '../../authorities/domain/authority';
import { authoritiesModel, authoritySearch } from './authorities.view-model';

const hbdi: Authority = {
  id: 'de-he',
  country: 'DE',
  region: 'Hessen',
  region_code: 'DE-HE',
  name_local: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit',
  name_en: 'Hessian Commissioner for Data Protection and Freedom of Information',
  abbreviation: 'HBDI',
  postal_address: null,
  email: 'poststelle@datenschutz.hessen.de',
  website: null,
  breach_info_url: null,
  breach_form_url: 'https://datenschutz.hessen.de/meldung',
  breach_form_url_status: null,
  breach_submission_channel: 'web form',
  sector_scope: 'both',
  notification_languages: ['de'],
  sources: [],
  notes: null,
};

describe('the authorities page', () => {
  it('cuts the search to 100 characters and ignores anything but text', () => {
    expect(authoritySearch('x'.repeat(150))).toHaveLength(100);
    expect(authoritySearch(['a'])).toBe('');
  });

  it('names each authority in the page’s language', () => {
    expect(authoritiesModel('de', 'hess', [hbdi])).toEqual({
      title: 'Aufsichtsbehörden',
      search: 'Suchen',
      q: 'hess',
      items: [
        {
          name: hbdi.name_local,
          abbreviation: 'HBDI',
          email: 'poststelle@datenschutz.hessen.de',
          country: 'DE',
          region: 'Hessen',
          channel: 'web form',
          form: 'https://datenschutz.hessen.de/meldung',
        },
      ],
      colName: 'Behörde',
      colRegion: 'Zuständig für',
      colChannel: 'Meldeweg',
    });
    expect(authoritiesModel('en', '', [hbdi]).items[0].name).toBe(hbdi.name_en);
  });

  it('links a breach form only at an https address, and fills the gaps with dashes and blanks', () => {
    const plain = { ...hbdi, breach_form_url: 'http://example.org/form', email: null, region: null, breach_submission_channel: null };
    expect(authoritiesModel('en', '', [plain]).items[0]).toMatchObject({ form: null, email: '', region: '', channel: '–' });
  });
});
