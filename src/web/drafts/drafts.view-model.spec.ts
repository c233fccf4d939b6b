import { draftLinks, draftRefusal, draftRequest } from './drafts.view-model';

describe('the drafts', () => {
  it('reads the address, the language (else the user’s) and the format (else HTML)', () => {
    expect(draftRequest('authority', undefined, undefined, 'de')).toEqual({
      kind: 'authority-initial',
      lang: 'de',
      format: 'html',
      filename: 'authority-de',
    });
    expect(draftRequest('authority-followup', 'en', 'md', 'de')).toEqual({
      kind: 'authority-followup',
      lang: 'en',
      format: 'md',
      filename: 'authority-followup-en',
    });
    expect(draftRequest('processor-report', 'fr', 'pdf', 'en')).toMatchObject({ lang: 'en', format: 'pdf' });
    expect(draftRequest('authority-initial', 'en', undefined, 'en')).toBeNull();
    expect(draftRequest('constructor', 'en', undefined, 'en')).toBeNull();
  });

  it('offers every draft to the controller’s DPO, the report to its processor, nothing to others', () => {
    const dpo = draftLinks('i1', 'en', 'controller');
    expect(dpo.map((d) => d.previews[0].href)).toEqual([
      '/incidents/i1/drafts/authority?lang=de',
      '/incidents/i1/drafts/authority-followup?lang=de',
      '/incidents/i1/drafts/data-subjects?lang=de',
      '/incidents/i1/drafts/public-communication?lang=de',
      '/incidents/i1/drafts/processor-report?lang=de',
    ]);
    expect(draftLinks('i1', 'de', 'processor')).toEqual([
      {
        name: expect.any(String),
        previews: [
          { lang: 'de', href: '/incidents/i1/drafts/processor-report?lang=de' },
          { lang: 'en', href: '/incidents/i1/drafts/processor-report?lang=en' },
        ],
        md: '/incidents/i1/drafts/processor-report?lang=de&format=md',
        pdf: '/incidents/i1/drafts/processor-report?lang=de&format=pdf',
      },
    ]);
    expect(draftLinks('i1', 'en', null)).toEqual([]);
  });

  it('says why a conflict refuses a draft, and "not found" for anything else', () => {
    expect(draftRefusal('conflict', 'A follow-up needs a recorded initial notification.', 'en')).toEqual({
      status: 409,
      title: '409',
      message: 'A follow-up needs a recorded initial notification.',
    });
    expect(draftRefusal('forbidden', 'Only the controller’s DPOs…', 'de')).toEqual({
      status: 404,
      title: '404',
      message: 'Nicht gefunden.',
    });
  });
});
