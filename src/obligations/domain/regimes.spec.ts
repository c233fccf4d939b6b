import authorities from '../../authorities/data/authorities.json';
import { EU_EEA } from '../../authorities/domain/authority';
import { DUTIES, REGIME_ENTRIES, REGIMES, SECTOR_RECIPIENTS } from '.';

// The data itself: every regime entry states what the docs promise, and the recipients directory
// is well-formed (null = not confirmed; never an invented address).

describe('regime entries', () => {
  it('has exactly the (regime, duty) pairs of the issue, each once', () => {
    expect(REGIME_ENTRIES.map((e) => `${e.regime}/${e.duty}`)).toEqual([
      'contract/report_to_controller',
      'gdpr/notify_authority',
      'uk_gdpr/notify_authority',
      'ch_fadp/notify_authority',
      'gdpr/communicate_to_data_subjects',
      'nis2/early_warning',
      'nis2/incident_notification',
      'nis2/final_report',
      'dora/initial_notification',
      'dora/intermediate_report',
      'dora/final_report',
      'eprivacy/notify_authority',
    ]);
  });

  it.each(REGIME_ENTRIES.map((e) => [`${e.regime}/${e.duty}`, e] as const))(
    '%s states its basis, quote with source, rule in en and de',
    (_, e) => {
      expect(REGIMES).toContain(e.regime);
      expect(DUTIES).toContain(e.duty);
      expect(e.legalBasis.length).toBeGreaterThan(10);
      expect(e.quote.text.length).toBeGreaterThan(30);
      expect(e.quote.source).toMatch(/Art\.|§/);
      expect(e.dueRule.en.length).toBeGreaterThan(20);
      expect(e.dueRule.de.length).toBeGreaterThan(20);
      expect(e.title.en && e.title.de).toBeTruthy();
      expect(e.appliesWhen.length).toBeGreaterThan(0);
      // A period in months needs the 1182/71 rule and a zone whose day ends it.
      const months = e.period.kind === 'months' || e.variants?.some((v) => v.period.kind === 'months');
      expect(
        months ? e.calendar.months === 'reg_1182_71_art_3_2_c' && e.calendar.dayEndsIn === 'member_state' : e.calendar.months === null,
      ).toBe(true);
      // A working-day shift needs to know whose holidays count.
      if (e.calendar.shift) expect(e.calendar.dayEndsIn).toBe('member_state');
      // No fixed deadline: nothing can be late.
      if (e.period.kind === 'none') expect(e.lateNeedsReasons).toBe(false);
    },
  );
});

describe('recipients directory (src/obligations/data/recipients.json)', () => {
  const authorityIds = new Set(authorities.authorities.map((a) => a.id));

  it('covers Germany for NIS2 (BSI), DORA (BaFin) and ePrivacy (BfDI, Bundesnetzagentur)', () => {
    const de = (role: string) => SECTOR_RECIPIENTS.filter((r) => r.country === 'DE' && r.roles.includes(role)).map((r) => r.abbreviation);
    expect(de('nis2')).toEqual(['BSI']);
    expect(de('dora')).toEqual(['BaFin']);
    expect(de('eprivacy')).toEqual(['BfDI', 'BNetzA']);
  });

  it.each(SECTOR_RECIPIENTS.map((r) => [r.id, r] as const))('%s is well-formed and sourced', (_, r) => {
    expect(r.id).toMatch(/^[a-z]{2}-[a-z0-9-]+$/);
    expect(authorityIds.has(r.id)).toBe(false); // one id space with the GDPR authorities
    expect(EU_EEA as readonly string[]).toContain(r.country);
    expect(r.id.startsWith(r.country.toLowerCase())).toBe(true);
    expect(r.roles.length).toBeGreaterThan(0);
    for (const role of r.roles) expect(['nis2', 'dora', 'eprivacy']).toContain(role);
    expect(['csirt', 'authority']).toContain(r.kind);
    expect(r.sources.length).toBeGreaterThan(0);
    if (r.gdpr_authority_id) expect(authorityIds.has(r.gdpr_authority_id)).toBe(true);
    for (const url of [r.website, r.info_url, r.reporting_url]) if (url !== null) expect(url).toMatch(/^https:\/\/[^\s]+$/);
    expect(r.reporting_url === null).toBe(r.reporting_url_status === null);
  });

  it('ids are unique', () => {
    expect(new Set(SECTOR_RECIPIENTS.map((r) => r.id)).size).toBe(SECTOR_RECIPIENTS.length);
  });
});
