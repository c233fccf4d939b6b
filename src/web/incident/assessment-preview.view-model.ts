import type { SeverityResult } from '../../assessments/domain/enisa-severity';
import { decimal, Lang, say, SEVERITY_WORDS, wordsFor } from '../i18n';

// The live score the incident page's script shows while the assessment form is filled in; JSON, so
// the script sets text, never HTML.
export function previewModel(r: Pick<SeverityResult, 'score' | 'band' | 'recommendation'>, lang: Lang) {
  const t = wordsFor(lang);
  return {
    score: r.score,
    band: say(SEVERITY_WORDS, r.band, lang),
    summary: `${t.score}: ${decimal(r.score, lang)} (${say(SEVERITY_WORDS, r.band, lang)}). ${t.recommendation}: ${t.notifyAuthority} – ${r.recommendation.notifyAuthority ? t.yes : t.no}; ${t.notifySubjects} – ${r.recommendation.notifySubjects ? t.yes : t.no}.`,
    reasons: r.recommendation.reasons,
  };
}
