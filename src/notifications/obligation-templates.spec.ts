import * as fs from 'node:fs';
import * as path from 'node:path';
import { bankIncident, filingFacts } from '../../test/support/filing-facts';
import { TemplateRenderer } from '../platform/templates/template-renderer';
import { DraftFacts, draftModel } from './domain/draft-model';
import { filingSummary } from './domain/filing-summaries';
import { FILING_STAGES } from './domain/obligation-drafts';

// Golden files of the drafts per obligation: every NIS2, DORA and ePrivacy summary, the FDPIC's
// notification and the ICO's, in both languages. UPDATE_GOLDEN=1 rewrites them; review the diff.
const GOLDEN = path.resolve(__dirname, '../../test/golden');
const renderer = new TemplateRenderer();

function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, `${name}.md`);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

// A Swiss controller's breach (FDPIC, Art. 24 revFADP), the same facts as the NIS2 summaries.
const swiss: DraftFacts = {
  lang: 'de',
  now: new Date('2025-03-05T09:00:00Z'),
  timeZone: 'Europe/Zurich',
  incident: { ...bankIncident, affectedCountries: ['CH', 'DE'] },
  missing: ['measuresProposed'],
  controller: {
    name: 'Beispiel Treuhand AG',
    address: 'Bahnhofstrasse 1\n8001 Zürich',
    country: 'CH',
    region: null,
    dpoName: 'Dora Datenschutz',
    dpoEmail: 'dpo@treuhand.example',
    dpoPhone: null,
  },
  processor: null,
  authority: { name: 'Eidgenössischer Datenschutz- und Öffentlichkeitsbeauftragter', abbreviation: 'EDÖB' },
  authorityDueAt: null,
  assessment: null,
  decision: null,
  initial: null,
  reasonsForDelay: null,
  law: 'ch_fadp',
};
const british: DraftFacts = {
  ...swiss,
  timeZone: 'Europe/London',
  incident: { ...bankIncident, affectedCountries: ['GB'] },
  controller: { ...swiss.controller, name: 'Example Trust Ltd', address: '1 High Street\nLondon', country: 'GB' },
  authority: { name: "Information Commissioner's Office", abbreviation: 'ICO' },
  authorityDueAt: new Date('2025-03-07T06:10:00Z'),
  assessment: {
    scoreQuarters: 12,
    band: 'high',
    recommendation: { notifyAuthority: true, notifySubjects: true },
    riskFlags: [],
    incidentFacts: null,
  },
  law: 'uk_gdpr',
};

describe('drafts per obligation (golden files)', () => {
  for (const lang of ['de', 'en'] as const) {
    for (const stage of FILING_STAGES) {
      it(`${stage}.${lang}`, () => {
        const previous =
          stage.endsWith('early_warning') || stage.endsWith('initial_notification') || stage.startsWith('eprivacy')
            ? null
            : { sentAt: new Date('2025-03-04T12:00:00Z'), reference: 'AZ-4711' };
        const model = filingSummary(filingFacts(stage, { lang, previous }));
        golden(`filing-summary.${stage.replace('/', '-')}.${lang}`, renderer.render('filing-summary', lang, model).text);
      });
    }
    it(`authority-fdpic.${lang}`, () =>
      golden(`authority-fdpic.${lang}`, renderer.render('authority-fdpic', lang, draftModel({ ...swiss, lang })).text));
    it(`authority-fdpic.${lang} (supplement)`, () => {
      const supplement = { ...swiss, lang, missing: [], initial: { sentAt: new Date('2025-03-04T16:00:00Z'), reference: 'EDOEB-2025-12' } };
      golden(`authority-fdpic.${lang}.supplement`, renderer.render('authority-fdpic', lang, draftModel(supplement)).text);
    });
    it(`authority-initial.${lang} (UK GDPR)`, () =>
      golden(`authority-initial.${lang}.uk`, renderer.render('authority-initial', lang, draftModel({ ...british, lang })).text));
  }

  it('cites the UK GDPR in the ICO draft, the GDPR in the others, and revFADP with Art. 15 DPO in the FDPIC draft', () => {
    const uk = renderer.render('authority-initial', 'en', draftModel({ ...british, lang: 'en' })).text;
    expect(uk).toContain('# Notification of a personal data breach (Art. 33 UK GDPR)');
    expect(uk).toContain('(Art. 34(1) UK GDPR)');
    expect(uk).not.toMatch(/[^K] GDPR/);
    const eu = renderer.render('authority-initial', 'en', draftModel({ ...british, lang: 'en', law: undefined })).text;
    expect(eu).toContain('(Art. 33 GDPR)');
    expect(eu).not.toContain('UK GDPR');
    const ch = renderer.render('authority-fdpic', 'de', draftModel(swiss)).text;
    expect(ch).toContain('Art. 24 Abs. 1 revDSG');
    expect(ch).toContain('## g. Ansprechperson\nInes Incident, soc@bank.example');
    expect(ch).not.toMatch(/DSGVO|72/);
  });

  it('lists every field a summary cannot fill under "to be completed"', () => {
    const text = renderer.render('filing-summary', 'en', filingSummary(filingFacts('dora/final_report', { lang: 'en' }))).text;
    expect(text).toContain('- Information about the root causes: [to be completed before sending]');
    expect(text).toContain('## To be completed before sending\n- Intermediate report submitted\n- Information about the root causes');
  });
});
