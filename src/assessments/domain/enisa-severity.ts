// The ENISA severity method (ENISA 2013, regulatory.md §6): SE = DPC × EI + CB, computed in integer
// quarters so the band limits (2, 3, 4) are exact. The result advises; the DPO decides.
// Pure: no Nest, no TypeORM.
import { ENGLISH_FLAG_PHRASES, FlagPhrases, RiskFacts, RiskFlag, riskFlags } from './risk-flags';

export const DATA_CATEGORY_KINDS = ['simple', 'behavioural', 'financial', 'sensitive'] as const;
export type DataCategoryKind = (typeof DATA_CATEGORY_KINDS)[number];
export const BASE_SCORE: Record<DataCategoryKind, number> = { simple: 1, behavioural: 2, financial: 3, sensitive: 4 };

export const EASE_OF_IDENTIFICATION = ['negligible', 'limited', 'significant', 'maximum'] as const;
export type EaseOfIdentification = (typeof EASE_OF_IDENTIFICATION)[number];
const EI_QUARTERS: Record<EaseOfIdentification, number> = { negligible: 1, limited: 2, significant: 3, maximum: 4 };

export const CONFIDENTIALITY = ['not_affected', 'no_evidence_of_misuse', 'known_recipients', 'unknown_recipients'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];
export const INTEGRITY = ['not_affected', 'altered_not_misused', 'recoverable', 'not_recoverable'] as const;
export type Integrity = (typeof INTEGRITY)[number];
export const AVAILABILITY = ['not_affected', 'recoverable_without_difficulty', 'temporary', 'permanent'] as const;
export type Availability = (typeof AVAILABILITY)[number];

// Each list runs 0, 0, +0.25, +0.5 (in quarters: 0, 0, 1, 2).
const LOSS_QUARTERS = [0, 0, 1, 2];
const MALICIOUS_QUARTERS = 2;

export const BANDS = ['low', 'medium', 'high', 'very_high'] as const;
export type Band = (typeof BANDS)[number];

export const SUBJECTS_EXEMPTIONS = ['34(3)(a)', '34(3)(b)', '34(3)(c)', 'de_bdsg_29_1'] as const;
export type SubjectsExemption = (typeof SUBJECTS_EXEMPTIONS)[number];

export const MIN_REASON_LENGTH = 20;

export interface DataCategoryInput {
  category: DataCategoryKind;
  score?: number; // 1..4; other than the base needs a reason (ENISA 3.1.1)
  reason?: string;
}

export interface SeverityInput {
  dataCategories: DataCategoryInput[];
  easeOfIdentification: EaseOfIdentification;
  confidentiality: Confidentiality;
  integrity: Integrity;
  availability: Availability;
  maliciousIntent: boolean;
  unintelligible: boolean; // state-of-the-art encryption or hashing, key or salt not compromised
  recipientTrustedAndDeleted: boolean; // the only recipients are bound to confidentiality and confirmed deletion
  highRiskRemovedByMeasures: boolean; // Art. 34(3)(b)
}

export interface Recommendation {
  notifyAuthority: boolean;
  notifySubjects: boolean;
  subjectsExemption: SubjectsExemption | null;
  reasons: string[];
}

export interface SeverityResult {
  dpc: number;
  scoreQuarters: number;
  score: number;
  band: Band;
  flags: { moreThan100Subjects: boolean; unintelligible: boolean };
  // The incident's facts that raised the recommendation (risk-flags.ts), with reasons and sources.
  riskFlags: RiskFlag[];
  recommendation: Recommendation;
}

// Problems a caller must fix, by field path; empty when the input is usable.
export function severityInputProblems(input: SeverityInput): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  input.dataCategories.forEach((c, i) => {
    if (c.score !== undefined && c.score !== BASE_SCORE[c.category] && (c.reason ?? '').trim().length < MIN_REASON_LENGTH) {
      problems.push({
        path: `dataCategories.${i}.reason`,
        message: `is required (at least ${MIN_REASON_LENGTH} characters) when the score differs from the base score ${BASE_SCORE[c.category]} of ${c.category} data`,
      });
    }
  });
  return problems;
}

export function bandOf(scoreQuarters: number): Band {
  if (scoreQuarters < 8) return 'low';
  if (scoreQuarters < 12) return 'medium';
  if (scoreQuarters < 16) return 'high';
  return 'very_high';
}

// What the rules say, one phrase per finding. The domain's English below is what each assessment
// stores; the pages bring their own wording (German, options in words) for the same findings.
export interface ReasonPhrases extends FlagPhrases {
  authorityByScore(score: number, band: Band): string;
  availabilityLoss(availability: Availability): string;
  maliciousDisclosure(confidentiality: Confidentiality): string;
  riskUnlikely(score: number, availability: Availability): string;
  highRisk(score: number, band: Band): string;
  noHighRisk(score: number, band: Band): string;
  unintelligible(availability: Availability, integrity: Integrity): string;
  trustedRecipients(score: number, availabilityKept: Availability | null): string;
  trustedRecipientsSensitive(): string;
  measuresRemoveHighRisk(): string;
}

export const ENGLISH_REASONS: ReasonPhrases = {
  authorityByScore: (score, band) =>
    `Rule 1: severity ${score} is ${band} (medium or above), so the authority should be notified (Art. 33(1)).`,
  availabilityLoss: (availability) =>
    `Rule 1: availability is ${availability}: a loss of availability that is not recovered without difficulty is notifiable.`,
  maliciousDisclosure: (confidentiality) => `Rule 1: malicious intent with data exposed to ${confidentiality.replace('_', ' ')}.`,
  riskUnlikely: (score, availability) =>
    `Rule 1: severity ${score} is low, availability ${availability}, no malicious disclosure: a risk is unlikely (Art. 33(1)).`,
  highRisk: (score, band) =>
    `Rule 1: severity ${score} is ${band} (high or above): a high risk to the people affected is likely (Art. 34(1)).`,
  noHighRisk: (score, band) =>
    `Rule 1: severity ${score} is ${band} (below high): no high risk to the people affected is indicated (Art. 34(1)).`,
  unintelligible: (availability, integrity) =>
    `Rule 2: the data are unintelligible to unauthorised persons (state-of-the-art encryption or hashing, key not compromised), availability ${availability}, integrity ${integrity}: neither the authority nor the people need to be told (EDPB 9/2022 II.D; Art. 34(3)(a)).`,
  trustedRecipients: (score, availabilityKept) =>
    `Rule 3: the only recipients are bound to confidentiality and confirmed deletion, severity ${score} is below high, no special categories and no malicious intent: the disclosure is unlikely to result in a risk (EDPB 01/2021 case 09)${
      availabilityKept ? `; availability is ${availabilityKept}, and that loss stays notifiable` : ''
    }.`,
  trustedRecipientsSensitive: () =>
    'Rule 3 does not apply: the recipients are bound to confidentiality and confirmed deletion, but special categories of data are involved or not known yet (EDPB 01/2021 case 09 holds only where no sensitive data were sent).',
  ...ENGLISH_FLAG_PHRASES,
  measuresRemoveHighRisk: () =>
    'Rule 4: measures taken since ensure the high risk is no longer likely to materialise: the people need not be told (Art. 34(3)(b)); the authority part is unchanged.',
};

export function assessSeverity(input: SeverityInput, facts: RiskFacts, phrases: ReasonPhrases = ENGLISH_REASONS): SeverityResult {
  const dpc = Math.max(...input.dataCategories.map((c) => c.score ?? BASE_SCORE[c.category]));
  const cb =
    LOSS_QUARTERS[CONFIDENTIALITY.indexOf(input.confidentiality)] +
    LOSS_QUARTERS[INTEGRITY.indexOf(input.integrity)] +
    LOSS_QUARTERS[AVAILABILITY.indexOf(input.availability)] +
    (input.maliciousIntent ? MALICIOUS_QUARTERS : 0);
  const scoreQuarters = dpc * EI_QUARTERS[input.easeOfIdentification] + cb;
  const band = bandOf(scoreQuarters);
  return {
    dpc,
    scoreQuarters,
    score: scoreQuarters / 4,
    band,
    flags: { moreThan100Subjects: (facts.approximateSubjects ?? 0) > 100, unintelligible: input.unintelligible },
    riskFlags: flagsOf(input, facts, phrases),
    recommendation: recommend(input, scoreQuarters, band, phrases, facts),
  };
}

const availabilityMild = (a: Availability) => a === 'not_affected' || a === 'recoverable_without_difficulty';
const integrityMild = (i: Integrity) => i === 'not_affected' || i === 'altered_not_misused';

// The incident's flags, given what the assessment found the breach did to the data.
export function flagsOf(input: SeverityInput, facts: RiskFacts | null, say: FlagPhrases = ENGLISH_FLAG_PHRASES): RiskFlag[] {
  if (!facts) return [];
  const confidentialityAffected = input.confidentiality !== 'not_affected';
  const reachedData = confidentialityAffected || !integrityMild(input.integrity) || !availabilityMild(input.availability);
  return riskFlags(facts, { reachedData, confidentialityAffected }, say);
}

const atLeast = (band: Band, floor: Band) => BANDS.indexOf(band) >= BANDS.indexOf(floor);

// The four rules, applied in order, after the incident's flags raised rule 1; each reason names its
// rule or flag and the fact behind it. `facts` null: an assessment from before the flags existed,
// which is said again as it was computed.
export function recommend(
  input: SeverityInput,
  scoreQuarters: number,
  band: Band,
  say: ReasonPhrases = ENGLISH_REASONS,
  facts: RiskFacts | null = null,
): Recommendation {
  const reasons: string[] = [];
  const score = scoreQuarters / 4;
  const flags = flagsOf(input, facts, say);
  const flagsRaiseSubjects = flags.some((f) => f.raises === 'data_subjects');

  // Rule 1: the score and the circumstances, raised by the incident's flags.
  const availabilityLoss = input.availability === 'temporary' || input.availability === 'permanent';
  const maliciousDisclosure =
    input.maliciousIntent && (input.confidentiality === 'known_recipients' || input.confidentiality === 'unknown_recipients');
  let notifyAuthority = atLeast(band, 'medium') || availabilityLoss || maliciousDisclosure || flags.length > 0;
  let notifySubjects = atLeast(band, 'high') || flagsRaiseSubjects;
  let subjectsExemption: SubjectsExemption | null = null;
  if (atLeast(band, 'medium')) reasons.push(say.authorityByScore(score, band));
  if (availabilityLoss) reasons.push(say.availabilityLoss(input.availability));
  if (maliciousDisclosure) reasons.push(say.maliciousDisclosure(input.confidentiality));
  if (!notifyAuthority) reasons.push(say.riskUnlikely(score, input.availability));
  if (atLeast(band, 'high')) reasons.push(say.highRisk(score, band));
  else if (!flagsRaiseSubjects) reasons.push(say.noHighRisk(score, band));
  for (const flag of flags) reasons.push(flag.reason);

  // Rule 2: unintelligible data, nothing lost or altered beyond easy recovery.
  if (input.unintelligible && availabilityMild(input.availability) && integrityMild(input.integrity)) {
    if (notifySubjects) subjectsExemption = '34(3)(a)';
    notifyAuthority = false;
    notifySubjects = false;
    reasons.push(say.unintelligible(input.availability, input.integrity));
  }

  // Rule 3: trusted recipients who confirmed deletion (EDPB 01/2021 case 09), unless sensitive data
  // went to them; a loss of availability stays notifiable whoever received the data.
  if (input.recipientTrustedAndDeleted && !atLeast(band, 'high') && !input.maliciousIntent) {
    if (flags.some((f) => f.flag === 'special_categories')) reasons.push(say.trustedRecipientsSensitive());
    else {
      notifyAuthority = availabilityLoss && notifyAuthority;
      notifySubjects = false;
      reasons.push(say.trustedRecipients(score, availabilityLoss && notifyAuthority ? input.availability : null));
    }
  }

  // Rule 4: measures taken since remove the high risk (Art. 34(3)(b)); the authority part stays.
  if (input.highRiskRemovedByMeasures && notifySubjects) {
    notifySubjects = false;
    subjectsExemption = '34(3)(b)';
    reasons.push(say.measuresRemoveHighRisk());
  }
  return { notifyAuthority, notifySubjects, subjectsExemption, reasons };
}
