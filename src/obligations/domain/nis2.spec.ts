import { at, derive, facts, FactsOverrides, iso, keysOf, spec } from '../../../test/support/obligation-facts';
import { viewObligation } from '.';

// NIS2 Art. 23(4) (Germany: § 32 BSIG): early warning 24 h and incident notification 72 h from
// awareness of the significant incident, final report one calendar month after the notification.

const AWARE = at('2025-05-05T10:00:00Z');
const nis2 = (over: FactsOverrides = {}) =>
  facts({
    ...over,
    organization: { nis2: 'essential', ...over.organization },
    classifications: { nis2: { significant: true, awareAt: AWARE }, ...over.classifications },
  });
const NOTIFICATION = 'nis2/incident_notification/de-bsi';
const FINAL = 'nis2/final_report/de-bsi';

describe('nis2: the 24 h / 72 h / one calendar month chain, to the BSI', () => {
  it('derives the three duties towards the BSI beside the GDPR duty', () => {
    const d = derive(nis2());
    expect(keysOf(d)).toEqual(['gdpr/notify_authority/de-bw', 'nis2/early_warning/de-bsi', NOTIFICATION, FINAL]);
    expect(spec(d, 'nis2/early_warning/de-bsi')).toMatchObject({
      recipient: { kind: 'csirt', authorityId: 'de-bsi', country: 'DE' },
      startsAt: AWARE,
      dueAt: at('2025-05-06T10:00:00Z'),
    });
    expect(iso(spec(d, NOTIFICATION).dueAt)).toBe('2025-05-08T10:00:00.000Z');
  });

  it('the final report is pending until the incident notification is filed', () => {
    const final = spec(derive(nis2()), FINAL);
    expect(final).toMatchObject({ startsAt: null, dueAt: null });
    expect(viewObligation(final, at('2025-05-20T00:00:00Z')).state).toBe('pending');
  });

  it('then runs one calendar month from the filing, ending with the German day of the same date (8 May 11:00 CEST → end of 8 June)', () => {
    const final = spec(derive(nis2({ filings: [{ key: NOTIFICATION, filedAt: at('2025-05-08T09:00:00Z') }] })), FINAL);
    expect(final.startsAt).toEqual(at('2025-05-08T09:00:00Z'));
    expect(iso(final.dueAt)).toBe('2025-06-08T22:00:00.000Z'); // 9 June 00:00 CEST = the expiry of 8 June
  });

  it('counts from the first filing of the notification; follow-ups do not move it', () => {
    const filings = [
      { key: NOTIFICATION, filedAt: at('2025-05-20T09:00:00Z') },
      { key: NOTIFICATION, filedAt: at('2025-05-08T09:00:00Z') },
    ];
    expect(iso(spec(derive(nis2({ filings })), FINAL).dueAt)).toBe('2025-06-08T22:00:00.000Z');
  });

  it('month ends: filed 31 January → end of 28 February (2025) or 29 February (2024)', () => {
    expect(iso(spec(derive(nis2({ filings: [{ key: NOTIFICATION, filedAt: at('2025-01-31T10:00:00Z') }] })), FINAL).dueAt)).toBe(
      '2025-02-28T23:00:00.000Z',
    );
    expect(iso(spec(derive(nis2({ filings: [{ key: NOTIFICATION, filedAt: at('2024-01-31T10:00:00Z') }] })), FINAL).dueAt)).toBe(
      '2024-02-29T23:00:00.000Z',
    );
  });

  it("the member state's day decides the date: 23:30 UTC on 31 January is already 1 February in Germany → end of 1 March", () => {
    expect(iso(spec(derive(nis2({ filings: [{ key: NOTIFICATION, filedAt: at('2025-01-31T23:30:00Z') }] })), FINAL).dueAt)).toBe(
      '2025-03-01T23:00:00.000Z',
    );
  });

  it('trust service providers owe the incident notification within 24 h (Art. 23(4), second subparagraph)', () => {
    const s = spec(derive(nis2({ organization: { trustServiceProvider: true } })), NOTIFICATION);
    expect(iso(s.dueAt)).toBe('2025-05-06T10:00:00.000Z');
    expect(s.legalBasis).toContain('trust service providers');
    expect(s.dueRule.en).toContain('trust service provider');
  });

  it('needs an essential or important entity and a significant incident', () => {
    const notEntity = derive(nis2({ organization: { nis2: null } }));
    expect(keysOf(notEntity)).toEqual(['gdpr/notify_authority/de-bw']);
    expect(notEntity.exclusions.find((e) => e.regime === 'nis2')?.reason).toBe(
      'the organization is not an essential or important entity under NIS2',
    );
    const withdrawn = derive(nis2({ classifications: { nis2: { significant: false, awareAt: AWARE } } }));
    expect(withdrawn.exclusions.find((e) => e.regime === 'nis2')?.reason).toBe(
      'the incident was classified as not a significant incident under NIS2',
    );
    expect(derive(nis2({ classifications: { nis2: null } })).exclusions.find((e) => e.regime === 'nis2')?.reason).toBe(
      'the incident is not classified as a significant incident under NIS2',
    );
  });

  it('a DORA financial entity reports under DORA instead (NIS2 Art. 4, DORA Art. 1(2))', () => {
    const d = derive(nis2({ organization: { dora: true } }));
    expect(keysOf(d).filter((k) => k.startsWith('nis2/'))).toEqual([]);
    expect(d.exclusions.find((e) => e.regime === 'nis2')?.reason).toContain('takes the place of NIS2 reporting');
  });

  it("goes to the recipient of the entity's member state, and says so when the directory has none", () => {
    expect(
      keysOf(
        derive(
          nis2({
            organization: { country: 'BE', region: null, euMainEstablishment: { country: 'BE', region: null } },
            incident: { affectedCountries: ['BE'] },
          }),
        ),
      ),
    ).toContain('nis2/early_warning/be-ccb');
    const nl = derive(
      nis2({
        organization: { country: 'NL', region: null, euMainEstablishment: { country: 'NL', region: null } },
        incident: { affectedCountries: ['NL'] },
      }),
    );
    const warning = spec(nl, 'nis2/early_warning/country:NL');
    expect(warning.recipient).toEqual({ kind: 'csirt', name: 'the nis2 recipient in NL (to be confirmed)', country: 'NL' });
    expect(warning.unresolved).toContain('no nis2 recipient for NL');
    expect(iso(warning.dueAt)).toBe('2025-05-06T10:00:00.000Z');
  });
});
