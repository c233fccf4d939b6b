import { Lang } from './languages';
import { words } from './translate';
import { upperFirst } from './format';

// The words of the page templates ({{t.…}}): the catalog's web section, with the phrases it already
// has elsewhere (a clock's name, a field of the missing-items list) taken from there.
export type Words = ReturnType<typeof wordsFor>;

export function wordsFor(lang: Lang) {
  const w = words(lang);
  const field = (item: keyof typeof w.missing) => upperFirst(w.missing[item]);
  return {
    ...w.web,
    ...w.offboarding,
    ...w.batches,
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
