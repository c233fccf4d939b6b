// The documents breachclock drafts; each is templates/<kind>.<de|en>.hbs.
export const DOCUMENTS = ['authority-initial', 'authority-followup', 'data-subjects', 'public-communication', 'processor-report'] as const;
export type DocumentKind = (typeof DOCUMENTS)[number];

// An authority draft is the initial notification or a follow-up to it (Art. 33(4)).
export function authorityDocument(phase: 'initial' | 'followup' | undefined): DocumentKind {
  return phase === 'followup' ? 'authority-followup' : 'authority-initial';
}

// The drafts by their address under /incidents/:id/drafts/ on the pages: the API's names, with
// "authority" for the initial notification and "authority-followup" for the follow-up.
export const DRAFT_ADDRESSES: Readonly<Record<string, DocumentKind>> = {
  authority: authorityDocument('initial'),
  'authority-followup': authorityDocument('followup'),
  'data-subjects': 'data-subjects',
  'public-communication': 'public-communication',
  'processor-report': 'processor-report',
};

// What is wrong with a draft's options for its document, for the API and the pages alike: the
// processor's report goes to the controller, so it takes no authority.
export function draftOptionProblems(document: DocumentKind, options: { authorityId?: string | null }): { path: string; message: string }[] {
  return options.authorityId && document === 'processor-report'
    ? [{ path: 'authorityId', message: 'belongs only to authority drafts' }]
    : [];
}
