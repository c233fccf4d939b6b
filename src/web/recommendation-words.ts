import { Band, ReasonPhrases, Recommendation, SeverityInput, recommend } from '../assessments/domain/enisa-severity';
import { LARGE_SCALE_AUTHORITY_ABOVE, LARGE_SCALE_SUBJECTS_FROM, RiskFacts } from '../assessments/domain/risk-flags';
import { decimal, Lang, t, term } from '../i18n';

// The recommendation's reasons as the pages say them: in the user's language, the ENISA choices in
// words ("permanently unavailable", not "permanent"), scores as the language writes them (3,5).
export function reasonPhrases(lang: Lang): ReasonPhrases {
  const o = (code: string) => term(lang, 'assessmentOption', code);
  const b = (band: Band) => term(lang, 'severity', band);
  const n = (score: number) => decimal(score, lang);
  const categories = (codes: string[]) => codes.map((c) => term(lang, 'specialCategory', c)).join(', ');
  return {
    authorityByScore: (score, band) => t(lang, 'reasons.authorityByScore', { score: n(score), band: b(band) }),
    availabilityLoss: (a) => t(lang, 'reasons.availabilityLoss', { availability: o(a) }),
    maliciousDisclosure: (c) => t(lang, 'reasons.maliciousDisclosure', { confidentiality: o(c) }),
    riskUnlikely: (score, a) => t(lang, 'reasons.riskUnlikely', { score: n(score), availability: o(a) }),
    highRisk: (score, band) => t(lang, 'reasons.highRisk', { score: n(score), band: b(band) }),
    noHighRisk: (score, band) => t(lang, 'reasons.noHighRisk', { score: n(score), band: b(band) }),
    unintelligible: (a, i) => t(lang, 'reasons.unintelligible', { availability: o(a), integrity: o(i) }),
    trustedRecipients: (score, kept) =>
      t(lang, 'reasons.trustedRecipients', {
        score: n(score),
        kept: kept ? t(lang, 'reasons.trustedRecipientsKept', { availability: o(kept) }) : '',
      }),
    trustedRecipientsSensitive: () => t(lang, 'reasons.trustedRecipientsSensitive'),
    largeScale: (count, toPeople) =>
      toPeople
        ? t(lang, 'reasons.largeScaleToPeople', { count: n(count), from: n(LARGE_SCALE_SUBJECTS_FROM) })
        : t(lang, 'reasons.largeScaleToAuthority', { count: n(count), above: LARGE_SCALE_AUTHORITY_ABOVE }),
    specialCategories: (codes) =>
      codes === null
        ? t(lang, 'reasons.specialCategoriesUnknown')
        : t(lang, 'reasons.specialCategories', { categories: categories(codes) }),
    vulnerableSubjects: (who) =>
      who === null ? t(lang, 'reasons.vulnerableSubjectsUnknown') : t(lang, 'reasons.vulnerableSubjects', { categories: who.join(', ') }),
    measuresRemoveHighRisk: () => t(lang, 'reasons.measuresRemoveHighRisk'),
  };
}

// The reasons of a recommendation in the user's words, from the same rules that made it. Should the
// rules have changed since it was stored (the answer would differ), the stored reasons are shown as
// they were recorded.
// `facts`: the incident's facts stored with the assessment (null for one made before the flags).
export function reasonsInWords(
  input: SeverityInput,
  scoreQuarters: number,
  band: Band,
  stored: Recommendation,
  lang: Lang,
  facts: RiskFacts | null = null,
): string[] {
  const again = recommend(input, scoreQuarters, band, reasonPhrases(lang), facts);
  const same =
    again.notifyAuthority === stored.notifyAuthority &&
    again.notifySubjects === stored.notifySubjects &&
    again.subjectsExemption === stored.subjectsExemption &&
    again.reasons.length === stored.reasons.length;
  return same ? again.reasons : stored.reasons;
}
