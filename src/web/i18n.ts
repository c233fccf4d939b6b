import { byLang, Lang, upperFirst, words } from '../i18n';

// The pages' words live in src/i18n/ (one catalog per language). This file keeps the shapes the page
// code imports until it calls i18n/ directly (term(), t()), and then goes.
export { decimal, pickLanguage, sayByLang as say } from '../i18n';
export type { Lang } from '../i18n';

export type Words = ReturnType<typeof wordsFor>;

// Every word of the page templates ({{t.…}}); a phrase the catalog already has elsewhere (a clock's
// name, a field of the missing-items list) is taken from there.
export function wordsFor(lang: Lang) {
  const w = words(lang);
  const field = (item: keyof typeof w.missing) => upperFirst(w.missing[item]);
  return {
    ...w.web,
    authority: upperFirst(w.clocks.authority),
    processor_to_controller: upperFirst(w.clocks.processor_to_controller),
    // The form's fields say what the list of missing items says.
    cause: field('nature.cause'),
    dataCategories: field('dataCategories'),
    subjectCategories: field('subjectCategories'),
    subjects: field('approximateSubjects'),
    records: field('approximateRecords'),
    likelyConsequences: field('likelyConsequences'),
    measuresTaken: field('measuresTaken'),
    measuresProposed: field('measuresProposed'),
    phone: upperFirst(w.draft.phone),
    overdue: w.clockState.overdue,
    band_overdue: w.clockState.overdue,
    passwordHeading: w.web.changePassword,
  };
}

// The values the pages show, in words (the API keeps the codes).
export const STATUS_WORDS = byLang('status');
export const CLOCK_STATE_WORDS = byLang('clockState');
export const SEVERITY_WORDS = byLang('severity');
export const NOTIFICATION_KIND_WORDS = byLang('notificationKind');
export const ASSESSMENT_OPTION_WORDS = byLang('assessmentOption');
export const DRAFT_WORDS = byLang('draftLink');
export const AUDIT_ACTION_WORDS = byLang('auditAction');
