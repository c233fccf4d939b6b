// The documents breachclock drafts; each is templates/<kind>.<de|en>.hbs.
export const DOCUMENTS = ['authority-initial', 'authority-followup', 'data-subjects', 'public-communication', 'processor-report'] as const;
export type DocumentKind = (typeof DOCUMENTS)[number];
