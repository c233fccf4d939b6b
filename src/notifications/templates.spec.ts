import * as fs from 'node:fs';
import * as path from 'node:path';
import { DraftFacts, draftModel } from './domain/draft-model';
import { TemplateRenderer } from '../platform/templates/template-renderer';
import { DOCUMENTS } from './domain/documents';

// Golden files: every document in both languages, from one fixed, complete set of facts and one
// phased (incomplete, late) set. UPDATE_GOLDEN=1 rewrites them; review the diff like code.
const GOLDEN = path.resolve(__dirname, '../../test/golden');
const renderer = new TemplateRenderer();

const complete: DraftFacts = {
  lang: 'de',
  now: new Date('2025-06-08T09:30:00Z'),
  timeZone: 'Europe/Berlin',
  incident: {
    reference: 'BC-2025-000042',
    natureDescription: 'Ein Newsletter wurde mit allen Empfängeradressen im An-Feld versendet.',
    natureTypes: ['confidentiality'],
    natureCause: 'misdirected_email',
    occurredAt: new Date('2025-06-06T07:15:00Z'),
    occurredFrom: null,
    occurredUntil: null,
    discoveredAt: new Date('2025-06-06T08:00:00Z'),
    reportedToControllerAt: new Date('2025-06-06T10:00:00Z'),
    controllerAwareAt: new Date('2025-06-06T10:00:00Z'),
    dataCategories: ['E-Mail-Adressen', 'Namen'],
    specialCategories: ['health'],
    subjectCategories: ['Patientinnen und Patienten'],
    approximateSubjects: 1840,
    approximateSubjectsIsEstimate: false,
    approximateRecords: 1840,
    approximateRecordsIsEstimate: true,
    contactName: 'Sam Sicherheit',
    contactEmail: 'security@processor.example',
    contactPhone: '+49 761 123456',
    likelyConsequences: 'Empfänger kennen die Adressen der anderen; Rückschlüsse auf eine Behandlung sind möglich.',
    measuresTaken: 'Versand gestoppt; Vorlage korrigiert; Empfänger um Löschung gebeten.',
    measuresProposed: 'Vier-Augen-Prüfung für Kampagnen.',
    subProcessor: 'Hosting Sub GmbH',
    affectedCountries: ['DE', 'AT'],
  },
  missing: [],
  controller: {
    name: 'Praxis Beispiel GmbH',
    address: 'Musterweg 1\n64846 Groß-Zimmern',
    country: 'DE',
    region: 'DE-HE',
    dpoName: 'Dana Datenschutz',
    dpoEmail: 'dpo@praxis.example',
    dpoPhone: '+49 6071 0000',
  },
  processor: { name: 'Mailer GmbH', contractReference: 'AVV 2019-09-10' },
  processorClock: { noticeHours: 24, dueAt: new Date('2025-06-07T08:00:00Z'), reportedAt: new Date('2025-06-06T10:00:00Z') },
  authority: { name: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit', abbreviation: 'HBDI' },
  authorityDueAt: new Date('2025-06-09T10:00:00Z'),
  assessment: {
    scoreQuarters: 5,
    band: 'low',
    recommendation: { notifyAuthority: true, notifySubjects: true },
    riskFlags: [
      { flag: 'large_scale', raises: 'authority' },
      { flag: 'special_categories', raises: 'data_subjects' },
      { flag: 'vulnerable_subjects', raises: 'data_subjects' },
    ],
    incidentFacts: { approximateSubjects: 1840, specialCategories: ['health'], subjectCategories: ['Patientinnen und Patienten'] },
  },
  decision: {
    notifyAuthority: true,
    authorityReason: null,
    notifySubjects: true,
    subjectsExemption: null,
    subjectsReason: null,
    publicCommunication: null,
  },
  initial: { sentAt: new Date('2025-06-07T12:00:00Z'), reference: 'HBDI-2025-0815' },
  reasonsForDelay: null,
};

const phasedLate: DraftFacts = {
  ...complete,
  now: new Date('2025-06-10T08:00:00Z'),
  incident: {
    ...complete.incident,
    natureTypes: null,
    natureCause: null,
    occurredAt: null,
    occurredFrom: new Date('2025-06-01T00:00:00Z'),
    occurredUntil: new Date('2025-06-05T12:00:00Z'),
    dataCategories: null,
    specialCategories: null,
    approximateSubjects: null,
    approximateRecords: null,
    likelyConsequences: null,
    measuresProposed: null,
    affectedCountries: [],
  },
  missing: [
    'nature.types',
    'nature.cause',
    'approximateSubjects',
    'dataCategories',
    'specialCategories',
    'approximateRecords',
    'likelyConsequences',
    'measuresProposed',
  ],
  // The processor reported 26 hours after discovery under a 24-hour contract: late by 2 hours.
  processorClock: { noticeHours: 24, dueAt: new Date('2025-06-07T08:00:00Z'), reportedAt: new Date('2025-06-07T10:00:00Z') },
  decision: {
    notifyAuthority: true,
    authorityReason: null,
    notifySubjects: false,
    subjectsExemption: '34(3)(c)',
    subjectsReason: 'Die Kontaktdaten sind veraltet.',
    publicCommunication: { channel: 'Pressemitteilung', publishedAt: '2025-06-09T10:00:00Z', text: '…' },
  },
  reasonsForDelay: 'Die forensische Analyse des Dienstleisters lag erst am 10. Juni vor.',
};

const cases = { complete, phasedLate };

// The shapes of "when it occurred" the drafts write out (a moment and a closed range are above):
// a range open at its end ("since") and an unknown time; with no contact on the incident, the
// controller without a DPO and no assessment yet.
const since: DraftFacts = {
  ...complete,
  incident: {
    ...complete.incident,
    occurredAt: null,
    occurredFrom: new Date('2025-06-01T00:00:00Z'),
    occurredUntil: null,
    contactName: null,
    contactEmail: null,
    contactPhone: null,
  },
  missing: ['contact'],
  assessment: null,
  decision: null,
};
const unknownTime: DraftFacts = {
  ...since,
  incident: { ...since.incident, occurredFrom: null, specialCategories: null },
  missing: ['occurredAt', 'specialCategories', 'contact'],
  controller: { ...complete.controller, dpoName: null, dpoEmail: null, dpoPhone: null },
};
const shapes = { since, unknownTime };

// Every document × language × set of facts against its file in test/golden.
function goldenFiles(documents: readonly (typeof DOCUMENTS)[number][], sets: Record<string, DraftFacts>): void {
  for (const document of documents) {
    for (const lang of ['de', 'en'] as const) {
      for (const [name, facts] of Object.entries(sets)) {
        it(`${document}.${lang} (${name})`, () => {
          const text = renderer.render(document, lang, draftModel({ ...facts, lang })).text;
          const file = path.join(GOLDEN, `${document}.${lang}.${name}.md`);
          if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
          expect(text).toBe(fs.readFileSync(file, 'utf8'));
        });
      }
    }
  }
}

describe('templates (golden files)', () => goldenFiles(DOCUMENTS, cases));

describe('drafts for each shape of the facts (golden files)', () =>
  goldenFiles(['authority-initial', 'data-subjects', 'processor-report'], shapes));

// The facts of the authorities' forms beyond Art. 33(3) (issue 15 item 10), all known; and a breach
// still going on. With them unknown, the drafts read as before (the files above).
const formFacts: DraftFacts = {
  ...complete,
  incident: {
    ...complete.incident,
    reporterName: 'Sam Sicherheit',
    reporterRole: 'Informationssicherheitsbeauftragter',
    discoveryMethod: 'Eine Empfängerin antwortete an alle und beschwerte sich.',
    ongoing: false,
    containedAt: new Date('2025-06-06T09:30:00Z'),
    securityEncryption: 'partial',
    securityDescription: 'Transportverschlüsselung; die Liste selbst lag unverschlüsselt vor.',
    consequencesMaterialised: 'Zwei Empfänger erhielten Phishing-Mails mit Bezug auf den Newsletter.',
    vulnerableSubjects: true,
    otherAuthoritiesInformed: [
      { name: 'Polizeipräsidium Südhessen', at: '2025-06-06T12:00:00.000Z', reference: 'ST/0815/25' },
      { name: 'BSI', at: '2025-06-06T13:00:00.000Z', reference: null },
    ],
  },
};
const stillOngoing: DraftFacts = {
  ...complete,
  incident: {
    ...complete.incident,
    ongoing: true,
    containedAt: null,
    otherAuthoritiesInformed: [],
    securityEncryption: 'none',
    securityDescription: null,
  },
};

describe("drafts with the facts of the authorities' forms (golden files)", () => {
  goldenFiles(['authority-initial', 'authority-followup', 'processor-report', 'data-subjects'], { formFacts });
  goldenFiles(['authority-initial', 'data-subjects'], { stillOngoing });
});

describe('template content', () => {
  const render = (document: (typeof DOCUMENTS)[number], lang: 'de' | 'en', facts: DraftFacts = complete) =>
    renderer.render(document, lang, draftModel({ ...facts, lang })).text;

  it('uses the GDPR terms in German', () => {
    const text = render('authority-initial', 'de');
    for (const term of [
      'Verletzung des Schutzes personenbezogener Daten',
      'Verantwortlicher',
      'Auftragsverarbeiter',
      'Aufsichtsbehörde',
      'Wahrscheinliche Folgen',
      'betroffenen Personen',
    ]) {
      expect(text).toContain(term);
    }
  });

  it('shows dates in the controller zone with the offset, and numbers in the language format', () => {
    const de = render('authority-initial', 'de');
    expect(de).toContain('9. Juni 2025 um 12:00 (UTC+02:00)');
    expect(de).toContain('1.840');
    const en = render('authority-initial', 'en');
    expect(en).toContain('9 June 2025 at 12:00 (UTC+02:00)');
    expect(en).toContain('1,840');
  });

  it('lists unknown items as "to follow" and carries the reasons for delay of a late notification', () => {
    const text = render('authority-initial', 'en', phasedLate);
    expect(text).toContain('## Information to follow (Art. 33(4))');
    expect(text).toContain('- approximate number of data subjects');
    expect(text).toContain('## 11. Reasons for the delay (Art. 33(1))');
    expect(text).toContain('Die forensische Analyse');
    expect(render('authority-initial', 'en')).not.toContain('Reasons for the delay');
  });

  it('quotes the authority case reference in the follow-up', () => {
    expect(render('authority-followup', 'de')).toContain('**Ihr Aktenzeichen:** HBDI-2025-0815');
  });

  it('tells the people in plain language, with advice and the DPO, but without counts', () => {
    const text = render('data-subjects', 'en');
    expect(text).toContain('Dana Datenschutz, dpo@praxis.example');
    expect(text).toContain('## What you can do');
    expect(text).not.toContain('1,840');
    expect(text).not.toMatch(/Art\. 3[34]/);
  });

  it('names special categories in plain words in the letter and the public communication, in both languages', () => {
    expect(render('data-subjects', 'de')).toContain('Darunter sind besonders schützenswerte Angaben: Angaben zur Gesundheit.');
    expect(render('data-subjects', 'en')).toContain('This includes especially sensitive information: information about health.');
    expect(render('public-communication', 'de')).toContain('Angaben zur Gesundheit');
    expect(render('public-communication', 'en')).toContain('information about health');
    const none = { ...complete, incident: { ...complete.incident, specialCategories: [] } };
    expect(render('data-subjects', 'en', none)).not.toMatch(/especially sensitive/);
  });

  it('writes ranges as ranges: never "am zwischen" or "on between"', () => {
    for (const facts of [complete, phasedLate, since, unknownTime]) {
      for (const document of DOCUMENTS) {
        expect(render(document, 'de', facts)).not.toMatch(/\bam (zwischen|seit)\b/);
        expect(render(document, 'en', facts)).not.toMatch(/\bon (between|since)\b/);
      }
    }
    expect(render('data-subjects', 'de', phasedLate)).toContain(
      'ereignete sich zwischen dem 1. Juni 2025 um 02:00 (UTC+02:00) und dem 5. Juni 2025 um 14:00 (UTC+02:00)',
    );
    expect(render('authority-initial', 'en', since)).toContain(
      '- Breach occurred: since 1 June 2025 at 02:00 (UTC+02:00) (end not known yet)',
    );
  });

  it('uses the DPO on file as the contact point, says "no DPO designated" where there is none, and always names someone to the people', () => {
    const withDpo = render('authority-initial', 'de', since);
    expect(withDpo).toContain('Anlaufstelle für weitere Informationen: der Datenschutzbeauftragte (siehe oben)');
    expect(withDpo).not.toContain('- Anlaufstelle für weitere Informationen');
    expect(render('authority-initial', 'en', unknownTime)).toContain('Data protection officer: no DPO designated');
    expect(render('authority-initial', 'de', unknownTime)).toContain('Datenschutzbeauftragter: nicht benannt');
    expect(render('data-subjects', 'en', unknownTime)).toContain('please contact Praxis Beispiel GmbH, Musterweg 1, 64846 Groß-Zimmern.');
    const nowhere = { ...unknownTime, controller: { ...unknownTime.controller, address: null } };
    expect(render('data-subjects', 'de', nowhere)).toContain('an Praxis Beispiel GmbH [Kontaktdaten vor dem Versand ergänzen].');
  });

  it('says "without undue delay" in the processor\'s report only when its clock was met, and states the delay otherwise', () => {
    expect(render('processor-report', 'en')).toContain('without undue delay');
    expect(render('processor-report', 'de')).toContain('unverzüglich');
    const late = render('processor-report', 'en', phasedLate);
    expect(late).not.toContain('without undue delay');
    expect(late).toContain('ended on 7 June 2025 at 10:00 (UTC+02:00); this report is made 2 hours after it');
    expect(render('processor-report', 'de', phasedLate)).not.toContain('unverzüglich');
    const atDue = { ...complete, processorClock: { ...complete.processorClock!, reportedAt: complete.processorClock!.dueAt } };
    expect(render('processor-report', 'en', atDue)).toContain('without undue delay');
  });

  it('quotes § 29(1) sentence 3 BDSG with "nach einer Rechtsvorschrift"', () => {
    const secret = {
      ...complete,
      decision: {
        ...complete.decision!,
        notifySubjects: false,
        subjectsExemption: 'de_bdsg_29_1',
        subjectsReason: "A third party's trade secret prevails.",
      },
    };
    expect(render('authority-initial', 'de', secret)).toContain(
      'die nach einer Rechtsvorschrift oder ihrem Wesen nach, insbesondere wegen der überwiegenden berechtigten Interessen eines Dritten, geheim gehalten werden müssen',
    );
    expect(render('authority-initial', 'en', secret)).toContain('kept secret under a legal provision or by its nature');
  });

  it("states the assessed risk level and what it rests on in the authority documents, never in the people's or the processor's", () => {
    const initial = render('authority-initial', 'de');
    expect(initial).toContain(
      'Risikobewertung: voraussichtlich hohes Risiko für die Rechte und Freiheiten natürlicher Personen (Art. 34 Abs. 1 DSGVO)',
    );
    expect(initial).toContain(
      'Grundlage: Schweregrad nach der ENISA-Methode 1,25 von 6 (niedrig); erhöhend: große Zahl betroffener Personen (ca. 1.840)',
    );
    expect(render('authority-followup', 'en')).toContain('Risk assessment: likely high risk');
    const pending = { ...complete, decision: null };
    expect(render('authority-initial', 'en', pending)).toContain('our risk assessment; the decision is still pending');
    const risk = {
      ...complete,
      assessment: { ...complete.assessment!, riskFlags: [] },
      decision: { ...complete.decision!, notifySubjects: false, subjectsReason: 'Only business e-mail addresses.' },
    };
    expect(render('authority-initial', 'en', risk)).toContain(
      'Risk assessment: risk to the rights and freedoms of natural persons, not likely a high risk (Art. 33(1) GDPR)',
    );
    for (const document of ['data-subjects', 'public-communication', 'processor-report'] as const)
      expect(render(document, 'en')).not.toMatch(/ENISA|Risk assessment/);
  });

  it('refuses a model that lacks a field the template names (strict mode)', () => {
    const model = draftModel(complete) as Record<string, unknown>;
    delete model.nature;
    expect(() => renderer.render('authority-initial', 'en', model)).toThrow(/not defined/);
  });
});
