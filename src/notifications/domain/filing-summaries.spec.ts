import { bankIncident, filingFacts } from '../../../test/support/filing-facts';
import { filingSummary, SummaryModel } from './filing-summaries';

const value = (m: SummaryModel, label: string) => m.sections.flatMap((s) => s.items).find((i) => i.label === label)?.value;

describe('the NIS2 summaries (Art. 23(4))', () => {
  it('early warning: says whether an unlawful or malicious act is suspected and whether the impact could cross borders', () => {
    const m = filingSummary(filingFacts('nis2/early_warning', { lang: 'en' }));
    expect(m.title).toBe('Early warning (Art. 23(4)(a) NIS2)');
    expect(value(m, 'Suspected unlawful or malicious acts')).toBe('yes, suspected (hacking)');
    expect(value(m, 'Possible cross-border impact')).toBe('possible: people affected in Austria');
    expect(value(m, 'Became aware of the significant incident')).toBe('4 March 2025 at 09:00 (UTC+01:00)');
    expect(value(m, 'Kind of entity')).toBe('essential entity (NIS2)');
    expect(m.due).toBe('5 March 2025 at 09:00 (UTC+01:00)');
    expect(m.missing).toEqual([]);
  });

  it('early warning: a cause that is no attack is no suspicion; unknown facts are listed as missing', () => {
    const lost = filingSummary(
      filingFacts('nis2/early_warning', {
        lang: 'en',
        incident: { ...bankIncident, natureCause: 'lost_device', affectedCountries: ['DE'] },
      }),
    );
    expect(value(lost, 'Suspected unlawful or malicious acts')).toBe('no indication so far (lost or stolen device or medium)');
    expect(value(lost, 'Possible cross-border impact')).toBe('none known so far (people affected only in Germany)');
    const unknown = filingSummary(
      filingFacts('nis2/early_warning', { lang: 'en', incident: { ...bankIncident, natureCause: null, affectedCountries: [] } }),
    );
    expect(unknown.missing).toEqual(['Suspected unlawful or malicious acts', 'Possible cross-border impact']);
  });

  it('incident notification: quotes the early warning and asks for severity and indicators of compromise', () => {
    const m = filingSummary(
      filingFacts('nis2/incident_notification', {
        lang: 'en',
        previous: { sentAt: new Date('2025-03-04T12:00:00Z'), reference: 'BSI-4711' },
      }),
    );
    expect(value(m, 'Early warning submitted')).toBe("4 March 2025 at 13:00 (UTC+01:00), authority's reference: BSI-4711");
    expect(value(m, 'Impact')).toBe('Gezielte Phishing-Versuche gegen Kundinnen und Kunden.');
    expect(value(m, 'People and records affected')).toBe('12,500 people, 40,000 records');
    expect(m.missing).toEqual(['Severity', 'Indicators of compromise']);
  });

  it('final report: root cause, mitigation applied and ongoing, cross-border impact; the notification not yet filed is missing', () => {
    const m = filingSummary(filingFacts('nis2/final_report'));
    expect(value(m, 'Art der Bedrohung oder zugrunde liegende Ursache')).toBe('Hackerangriff');
    expect(value(m, 'Getroffene Maßnahmen')).toBe(bankIncident.measuresTaken);
    expect(value(m, 'Laufende und geplante Maßnahmen')).toBe(bankIncident.measuresProposed);
    expect(m.missing).toEqual(['Meldung des Sicherheitsvorfalls übermittelt', 'Schweregrad']);
  });
});

describe('the DORA summaries (ITS 2025/302 Annex I; Del. Reg. 2025/301 Arts. 2–4)', () => {
  const dora = { entity: { name: 'Beispielbank AG', country: 'DE', nis2: null, dora: true } };

  it('initial notification: detection, classification and the processor as third party; what breachclock does not record is missing', () => {
    const m = filingSummary(filingFacts('dora/initial_notification', { ...dora, lang: 'en', processor: { name: 'Hosting GmbH' } }));
    expect(value(m, 'Kind of entity')).toBe('financial entity (DORA)');
    expect(value(m, "Incident reference code (financial entity's)")).toBe('BC-2025-000077');
    expect(value(m, 'Date and time of detection')).toBe('4 March 2025 at 07:10 (UTC+01:00)');
    expect(value(m, 'Date and time of classification as major')).toBe('4 March 2025 at 09:00 (UTC+01:00)');
    expect(value(m, 'Originates from an ICT third-party provider or another financial entity')).toBe('processor Hosting GmbH');
    expect(m.missing).toEqual([
      'Type of financial entity',
      'LEI code of the affected financial entity',
      'Classification criteria that triggered the report',
      'How the incident was discovered',
      'Activation of the business continuity plan',
    ]);
  });

  it('intermediate report: the authority reference of the initial notification, data losses and the reports to other authorities', () => {
    const m = filingSummary(
      filingFacts('dora/intermediate_report', {
        ...dora,
        lang: 'en',
        previous: { sentAt: new Date('2025-03-04T10:00:00Z'), reference: 'BaFin-77' },
      }),
    );
    expect(value(m, "Competent authority's incident reference code")).toBe('BaFin-77');
    expect(value(m, 'Description of the data losses')).toBe(
      'confidentiality breach, availability breach; Namen, IBAN; 12,500 people, 40,000 records',
    );
    expect(value(m, 'Type of incident')).toBe('cybersecurity-related (hacking)');
    expect(value(m, 'Reporting to other authorities')).toBe(
      'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit (4 March 2025 at 16:00 (UTC+01:00))',
    );
    expect(filingSummary(filingFacts('dora/intermediate_report', { ...dora, lang: 'en', otherReports: [] })).missing).toContain(
      "Competent authority's incident reference code",
    );
  });

  it('final report: the cause as root-cause class, the measures as resolution; costs and resolution times are missing', () => {
    const m = filingSummary(filingFacts('dora/final_report', { ...dora, lang: 'en' }));
    expect(value(m, 'Classification of the root causes')).toBe('hacking');
    expect(value(m, 'Incident resolution summary')).toBe(`${bankIncident.measuresTaken} ${bankIncident.measuresProposed}`);
    expect(m.missing).toContain('Gross costs and losses, financial recoveries');
    expect(m.missing).toContain('Date and time the incident was resolved');
  });
});

describe('the ePrivacy summary (Reg. 611/2013 Annex I)', () => {
  it('fills sections 1 and 2, the notification of subscribers from the decision and the cross-border issues', () => {
    const m = filingSummary(filingFacts('eprivacy/notify_authority', { lang: 'en', decision: null }));
    expect(m.sections.map((s) => s.heading)).toEqual([
      'Section 1: identification of the provider',
      'Initial information about the breach',
      'Section 2: further information',
      'Notification of subscribers or individuals',
      'Cross-border issues',
    ]);
    expect(value(m, 'Name of the provider')).toBe('Beispielbank AG, Germany');
    expect(value(m, 'Nature and content of the personal data concerned')).toBe('Namen, IBAN');
    expect(value(m, 'Number of subscribers or individuals concerned')).toBe('12,500');
    expect(value(m, 'Subscribers or individuals in other Member States')).toBe('Austria');
    expect(m.missing).toEqual(['Use of other providers', 'Notification of subscribers or individuals']);
    expect(
      value(filingSummary(filingFacts('eprivacy/notify_authority', { lang: 'de' })), 'Benachrichtigung der Teilnehmer oder Personen'),
    ).toBe('Die Benachrichtigung ist beschlossen.');
  });
});
