import { draftChoice, DutyFacts, obligationDraftHref, obligationDraftsModel } from './obligation-drafts.view-model';

const duties: DutyFacts[] = [
  { id: 'o1', regime: 'gdpr', duty: 'notify_authority', recipient: 'HBDI', live: false },
  { id: 'o2', regime: 'nis2', duty: 'early_warning', recipient: 'BSI', live: true },
  { id: 'o3', regime: 'dora', duty: 'intermediate_report', recipient: 'BaFin', live: false },
];

describe('the drafts page per duty', () => {
  it('reads the chosen duty, language and phase, else the first duty in the user’s language', () => {
    expect(draftChoice(duties, { obligation: 'O2', lang: 'de', phase: 'followup' }, 'en')).toEqual({
      obligationId: 'o2',
      lang: 'de',
      phase: 'followup',
    });
    expect(draftChoice(duties, { obligation: 'nope', lang: 'fr', phase: 'final' }, 'en')).toEqual({
      obligationId: 'o1',
      lang: 'en',
      phase: undefined,
    });
    expect(draftChoice([], {}, 'de')).toBeNull();
  });

  it('addresses the draft of an obligation with its language, phase and format', () => {
    expect(obligationDraftHref({ obligationId: 'o1', lang: 'de', phase: 'followup' }, 'pdf')).toBe(
      '/obligations/o1/draft?lang=de&phase=followup&format=pdf',
    );
    expect(obligationDraftHref({ obligationId: 'o1', lang: 'en', phase: undefined })).toBe('/obligations/o1/draft?lang=en');
  });

  it('names each duty in the page language, prefills the text as sent for a summary, and offers the record only while it is owed', () => {
    const model = obligationDraftsModel({
      incident: { id: 'i1', reference: 'BC-1' },
      duties,
      choice: { obligationId: 'o2', lang: 'en', phase: undefined },
      draft: { text: '# Early warning', isSummary: true },
      lang: 'de',
      errors: [],
      typed: {},
    });
    expect(model.title).toBe('Entwürfe je Pflicht – BC-1');
    expect(model.duties.map((d) => [d.label, d.selected])).toEqual([
      ['Meldung an die Aufsichtsbehörde (Art. 33 DSGVO) – HBDI', false],
      ['Frühwarnung (Art. 23 Abs. 4 lit. a NIS2) – BSI', true],
      ['Zwischenbericht zu einem schwerwiegenden IKT-Vorfall (DORA) – BaFin', false],
    ]);
    expect(model.chosen).toMatchObject({
      canRecord: true,
      body: '# Early warning',
      recordAction: '/obligations/o2/filings',
      language: 'en',
    });
    const met = obligationDraftsModel({ ...baseInput(), choice: { obligationId: 'o1', lang: 'de', phase: undefined } });
    expect(met.chosen).toMatchObject({ canRecord: false, body: '' });
    // DORA's intermediate report takes updates after it was filed (Del. Reg. 2025/301 Art. 5(1)(c)).
    expect(obligationDraftsModel({ ...baseInput(), choice: { obligationId: 'o3', lang: 'de', phase: undefined } }).chosen?.canRecord).toBe(
      true,
    );
  });
});

function baseInput() {
  return {
    incident: { id: 'i1', reference: 'BC-1' },
    duties,
    choice: null,
    draft: { text: '# Meldung', isSummary: false },
    lang: 'de' as const,
    errors: [],
    typed: {},
  };
}
