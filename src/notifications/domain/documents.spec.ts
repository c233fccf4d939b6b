import { authorityDocument, DRAFT_ADDRESSES, draftOptionProblems } from './documents';

describe('draft documents', () => {
  it('drafts the initial notification unless a follow-up is asked for', () => {
    expect([authorityDocument(undefined), authorityDocument('initial'), authorityDocument('followup')]).toEqual([
      'authority-initial',
      'authority-initial',
      'authority-followup',
    ]);
  });

  it('addresses every document on the pages', () => {
    expect(DRAFT_ADDRESSES).toEqual({
      authority: 'authority-initial',
      'authority-followup': 'authority-followup',
      'data-subjects': 'data-subjects',
      'public-communication': 'public-communication',
      'processor-report': 'processor-report',
    });
  });

  it('refuses an authority for the processor’s report', () => {
    expect(draftOptionProblems('authority-followup', { authorityId: 'de-he' })).toEqual([]);
    expect(draftOptionProblems('processor-report', {})).toEqual([]);
    expect(draftOptionProblems('processor-report', { authorityId: 'de-he' })).toEqual([
      { path: 'authorityId', message: 'belongs only to authority drafts' },
    ]);
    expect(draftOptionProblems('data-subjects', { authorityId: 'de-he' })).toEqual([]);
  });
});
