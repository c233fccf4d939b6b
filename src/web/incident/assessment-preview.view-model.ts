import type { SeverityResult } from '../../assessments/domain/enisa-severity';
import { decimal, Lang, term, wordsFor } from '../../i18n';

// The live score the incident page's script shows while the assessment form is filled in; JSON, so
// the script sets text, never HTML.
export function previewModel(r: Pick<SeverityResult, 'score' | 'band' | 'recommendation'>, lang: Lang) {
  const t = wordsFor(lang);
  return {
    score: r.score,
    band: term(lang, 'severity', r.band),
    summary: `${t.score}: ${decimal(r.score, lang)} (${term(lang, 'severity', r.band)}). ${t.recommendation}: ${t.notifyAuthority} – ${r.recommendation.notifyAuthority ? t.yes : t.no}; ${t.notifySubjects} – ${r.recommendation.notifySubjects ? t.yes : t.no}.`,
    reasons: r.recommendation.reasons,
  };
}
