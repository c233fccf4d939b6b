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
  controller: { name: 'Praxis Beispiel GmbH', address: 'Musterweg 1\n64846 Groß-Zimmern', country: 'DE', region: 'DE-HE', dpoName: 'Dana Datenschutz', dpoEmail: 'dpo@praxis.example', dpoPhone: '+49 6071 0000' },
  processor: { name: 'Mailer GmbH', contractReference: 'AVV 2019-09-10' },
  authority: { name: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit', abbreviation: 'HBDI' },
  authorityDueAt: new Date('2025-06-09T10:00:00Z'),
  decision: { notifySubjects: true, subjectsExemption: null, subjectsReason: null, publicCommunication: null },
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
  missing: ['nature.types', 'nature.cause', 'approximateSubjects', 'dataCategories', 'specialCategories', 'approximateRecords', 'likelyConsequences', 'measuresProposed'],
  decision: { notifySubjects: false, subjectsExemption: '34(3)(c)', subjectsReason: 'Die Kontaktdaten sind veraltet.', publicCommunication: { channel: 'Pressemitteilung', publishedAt: '2025-06-09T10:00:00Z', text: '…' } },
  reasonsForDelay: 'Die forensische Analyse des Dienstleisters lag erst am 10. Juni vor.',
};

const cases = { complete, phasedLate };

describe('templates (golden files)', () => {
  for (const document of DOCUMENTS) {
    for (const lang of ['de', 'en'] as const) {
      for (const [name, facts] of Object.entries(cases)) {
        it(`${document}.${lang} (${name})`, () => {
          const text = renderer.render(document, lang, draftModel({ ...facts, lang })).text;
          const file = path.join(GOLDEN, `${document}.${lang}.${name}.md`);
          if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
          expect(text).toBe(fs.readFileSync(file, 'utf8'));
        });
      }
    }
  }
});

describe('template content', () => {
  const render = (document: (typeof DOCUMENTS)[number], lang: 'de' | 'en', facts: DraftFacts = complete) => renderer.render(document, lang, draftModel({ ...facts, lang })).text;

  it('uses the GDPR terms in German', () => {
    const text = render('authority-initial', 'de');
    for (const term of ['Verletzung des Schutzes personenbezogener Daten', 'Verantwortlicher', 'Auftragsverarbeiter', 'Aufsichtsbehörde', 'Wahrscheinliche Folgen', 'betroffenen Personen']) {
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

  it('refuses a model that lacks a field the template names (strict mode)', () => {
    const model = draftModel(complete) as Record<string, unknown>;
    delete model.nature;
    expect(() => renderer.render('authority-initial', 'en', model)).toThrow(/not defined/);
  });
});
