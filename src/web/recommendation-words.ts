import { Band, ReasonPhrases, Recommendation, SeverityInput, recommend } from '../assessments/domain/enisa-severity';
import { ENGLISH_FLAG_PHRASES, LARGE_SCALE_AUTHORITY_ABOVE, LARGE_SCALE_SUBJECTS_FROM, RiskFacts } from '../assessments/domain/risk-flags';
import { SPECIAL_CATEGORY_LABELS as SPECIAL_CATEGORY_WORDS } from '../notifications/domain/labels';
import { ASSESSMENT_OPTION_WORDS, Lang, SEVERITY_WORDS, decimal, say } from './i18n';

// The recommendation's reasons as the pages say them: in the user's language, the ENISA choices in
// words ("permanently unavailable", not "permanent"), scores as the language writes them (3,5).
export function reasonPhrases(lang: Lang): ReasonPhrases {
  const o = (code: string) => say(ASSESSMENT_OPTION_WORDS, code, lang);
  const b = (band: Band) => say(SEVERITY_WORDS, band, lang);
  const special = (code: string) => SPECIAL_CATEGORY_WORDS[code]?.de ?? code;
  const n = (score: number) => decimal(score, lang);
  if (lang === 'de') {
    return {
      authorityByScore: (score, band) =>
        `Regel 1: Schweregrad ${n(score)} ist ${b(band)} (mittel oder höher), daher sollte die Aufsichtsbehörde benachrichtigt werden (Art. 33 Abs. 1).`,
      availabilityLoss: (a) =>
        `Regel 1: Verfügbarkeit „${o(a)}“: ein Verlust der Verfügbarkeit, der sich nicht ohne Schwierigkeiten beheben lässt, ist meldepflichtig.`,
      maliciousDisclosure: (c) => `Regel 1: böswillige Absicht, Daten ${o(c)}.`,
      riskUnlikely: (score, a) =>
        `Regel 1: Schweregrad ${n(score)} ist niedrig, Verfügbarkeit „${o(a)}“, keine böswillige Offenlegung: ein Risiko ist unwahrscheinlich (Art. 33 Abs. 1).`,
      highRisk: (score, band) =>
        `Regel 1: Schweregrad ${n(score)} ist ${b(band)} (hoch oder höher): ein hohes Risiko für die betroffenen Personen ist wahrscheinlich (Art. 34 Abs. 1).`,
      noHighRisk: (score, band) =>
        `Regel 1: Schweregrad ${n(score)} ist ${b(band)} (unter hoch): kein Hinweis auf ein hohes Risiko für die betroffenen Personen (Art. 34 Abs. 1).`,
      unintelligible: (a, i) =>
        `Regel 2: Die Daten sind für Unbefugte unverständlich (Verschlüsselung oder Hashing nach dem Stand der Technik, Schlüssel nicht kompromittiert), Verfügbarkeit „${o(a)}“, Integrität „${o(i)}“: weder Aufsichtsbehörde noch betroffene Personen müssen benachrichtigt werden (EDSA-Leitlinien 9/2022 II.D; Art. 34 Abs. 3 lit. a).`,
      trustedRecipients: (score, kept) =>
        `Regel 3: Die einzigen Empfänger sind zur Vertraulichkeit verpflichtet und haben die Löschung bestätigt, Schweregrad ${n(score)} liegt unter hoch, keine besonderen Kategorien, keine böswillige Absicht: die Offenlegung führt voraussichtlich nicht zu einem Risiko (EDSA-Leitlinien 01/2021, Fall 09)${
          kept ? `; Verfügbarkeit „${o(kept)}“: dieser Verlust bleibt meldepflichtig` : ''
        }.`,
      trustedRecipientsSensitive: () =>
        'Regel 3 greift nicht: Die Empfänger sind zur Vertraulichkeit verpflichtet und haben die Löschung bestätigt, aber besondere Kategorien personenbezogener Daten sind betroffen oder noch nicht bekannt (EDSA-Leitlinien 01/2021, Fall 09 gilt nur, wenn keine sensiblen Daten übermittelt wurden).',
      largeScale: (count, toPeople) =>
        toPeople
          ? `Merkmal large_scale: etwa ${n(count)} Personen sind betroffen (${n(LARGE_SCALE_SUBJECTS_FROM)} oder mehr), und ihre Daten wurden offengelegt: ein hohes Risiko ist wahrscheinlich; Aufsichtsbehörde und betroffene Personen sollten benachrichtigt werden.`
          : `Merkmal large_scale: etwa ${n(count)} Personen sind betroffen (mehr als ${LARGE_SCALE_AUTHORITY_ABOVE}): ein Risiko ist nicht unwahrscheinlich; die Aufsichtsbehörde sollte benachrichtigt werden.`,
      specialCategories: (categories) =>
        categories === null
          ? 'Merkmal special_categories: Ob besondere Kategorien personenbezogener Daten (Art. 9, 10) betroffen sind, ist noch nicht bekannt; bis der Vorfall es angibt, gelten sie als betroffen: ein hohes Risiko ist wahrscheinlich; Aufsichtsbehörde und betroffene Personen sollten benachrichtigt werden.'
          : `Merkmal special_categories: Der Vorfall nennt besondere Kategorien personenbezogener Daten (${categories.map(special).join(', ')}; Art. 9, 10): ein hohes Risiko ist wahrscheinlich; Aufsichtsbehörde und betroffene Personen sollten benachrichtigt werden.`,
      vulnerableSubjects: (categories) =>
        categories === null
          ? 'Merkmal vulnerable_subjects: Laut Vorfall sind schutzbedürftige Personen betroffen: ein hohes Risiko ist wahrscheinlich; Aufsichtsbehörde und betroffene Personen sollten benachrichtigt werden.'
          : `Merkmal vulnerable_subjects: Unter den Betroffenen sind schutzbedürftige Personen (${categories.join(', ')}): ein hohes Risiko ist wahrscheinlich; Aufsichtsbehörde und betroffene Personen sollten benachrichtigt werden.`,
      measuresRemoveHighRisk: () =>
        'Regel 4: Nachträgliche Maßnahmen stellen sicher, dass das hohe Risiko aller Wahrscheinlichkeit nach nicht mehr besteht: die betroffenen Personen müssen nicht benachrichtigt werden (Art. 34 Abs. 3 lit. b); für die Aufsichtsbehörde ändert sich nichts.',
    };
  }
  return {
    authorityByScore: (score, band) =>
      `Rule 1: severity ${n(score)} is ${b(band)} (medium or above), so the authority should be notified (Art. 33(1)).`,
    availabilityLoss: (a) =>
      `Rule 1: availability "${o(a)}": a loss of availability that is not recovered without difficulty is notifiable.`,
    maliciousDisclosure: (c) => `Rule 1: malicious intent, data ${o(c)}.`,
    riskUnlikely: (score, a) =>
      `Rule 1: severity ${n(score)} is low, availability "${o(a)}", no malicious disclosure: a risk is unlikely (Art. 33(1)).`,
    highRisk: (score, band) =>
      `Rule 1: severity ${n(score)} is ${b(band)} (high or above): a high risk to the people affected is likely (Art. 34(1)).`,
    noHighRisk: (score, band) =>
      `Rule 1: severity ${n(score)} is ${b(band)} (below high): no high risk to the people affected is indicated (Art. 34(1)).`,
    unintelligible: (a, i) =>
      `Rule 2: the data are unintelligible to unauthorised persons (state-of-the-art encryption or hashing, key not compromised), availability "${o(a)}", integrity "${o(i)}": neither the authority nor the people need to be told (EDPB 9/2022 II.D; Art. 34(3)(a)).`,
    trustedRecipients: (score, kept) =>
      `Rule 3: the only recipients are bound to confidentiality and confirmed deletion, severity ${n(score)} is below high, no special categories and no malicious intent: the disclosure is unlikely to result in a risk (EDPB 01/2021 case 09)${
        kept ? `; availability "${o(kept)}": that loss stays notifiable` : ''
      }.`,
    trustedRecipientsSensitive: () =>
      'Rule 3 does not apply: the recipients are bound to confidentiality and confirmed deletion, but special categories of data are involved or not known yet (EDPB 01/2021 case 09 holds only where no sensitive data were sent).',
    ...ENGLISH_FLAG_PHRASES,
    specialCategories: (categories) =>
      ENGLISH_FLAG_PHRASES.specialCategories(categories && categories.map((c) => SPECIAL_CATEGORY_WORDS[c]?.en ?? c)),
    measuresRemoveHighRisk: () =>
      'Rule 4: measures taken since ensure the high risk is no longer likely to materialise: the people need not be told (Art. 34(3)(b)); the authority part is unchanged.',
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
