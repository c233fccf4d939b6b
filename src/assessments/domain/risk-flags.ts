// Facts of the incident itself that raise the recommendation above what the ENISA grid says
// (regulatory.md §4.9 factors 2, 5 and 7; §9.3 item 20). The grid is filled by hand and may say
// "simple data" for a letter with health data; these flags read the incident. Each is named, gives
// its reason and its source, and is stored with the assessment that saw it. The DPO may still
// decide otherwise, with reasons. Pure: no Nest, no TypeORM.

export const RISK_FLAGS = ['large_scale', 'special_categories', 'vulnerable_subjects'] as const;
export type RiskFlagName = (typeof RISK_FLAGS)[number];

// How far a flag raises the recommendation: to "notify the authority" (a risk, Art. 33(1)) or to
// "tell the people too" (a likely high risk, Art. 34(1), which always includes the authority).
export type RiskLevel = 'authority' | 'data_subjects';

// The incident's facts the flags read. Stored with each assessment, so a stored recommendation can
// be said again in another language exactly as it was computed.
export interface RiskFacts {
  approximateSubjects: number | null; // null: not known yet
  specialCategories: string[] | null; // Art. 9/10 codes; [] = none, null = not known yet
  subjectCategories: string[] | null;
  // An explicit "the people affected include vulnerable persons" on the incident (yes/no), when the
  // incident records it; absent or null: read from subjectCategories.
  vulnerableSubjects?: boolean | null;
}

export interface RiskFlag {
  flag: RiskFlagName;
  raises: RiskLevel;
  reason: string; // in the words of the phrases given (English when stored)
  source: string;
}

// More than 100 people: ENISA's own flag next to the score (ENISA 2013 §3.3), and "many people" in
// EDPB 9/2022 Annex B (B9, B10) → the authority. 10,000 or more people whose data were disclosed → the
// people too: EDPB 01/2021 tells the people at about 100,000 (case 07: identity data of ~100,000
// leaked; case 11: a stolen unencrypted laptop with data of more than 100,000 customers); the
// threshold is set a tenth of that, on the side of telling (docs/decisions.md).
export const LARGE_SCALE_AUTHORITY_ABOVE = 100;
export const LARGE_SCALE_SUBJECTS_FROM = 10_000;

export const FLAG_SOURCES: Record<RiskFlagName, string> = {
  large_scale:
    'ENISA 2013 §3.3 (more than 100 individuals); EDPB 9/2022 IV.B factor "number of affected individuals" and Annex B9, B10; EDPB 01/2021 cases 07 and 11',
  special_categories: 'Art. 9, 10 GDPR; EDPB 9/2022 IV.B (special categories make a high risk likely); EDPB 01/2021 cases 03 and 12',
  vulnerable_subjects:
    'EDPB 9/2022 IV.B factor "special characteristics of the individual"; WP248 rev.01 criterion 7 (children, patients, the elderly, asylum seekers, mentally ill persons); ENISA 2013 Annex 1 (simple data of minors or vulnerable groups score 4)',
};

// Words that mark a category of people as vulnerable, in German and English (lower case). Employees,
// whom WP248 also names (an imbalance of power towards their employer), are left out: that
// imbalance concerns the controller's own processing, not the harm a breach can do.
const VULNERABLE_PATTERNS: RegExp[] = [
  /child|kinder|\bkind(es)?\b|\bkita\b|kindergarten|daycare|\bminors?\b|minderjährig|juvenile|jugendlich|teenager|adolescent|pupil|schüler|infant|säugling|baby|babies/,
  /patient/,
  /elderly|senior(inn)?en\b|pflegebedürftig|nursing home|care home|pflegeheim|heimbewohner/,
  /vulnerable|schutzbedürftig|disabilit|disabled|behinder/,
  /refugee|asylum|asylbewerber|asylsuchend|geflüchtet|flüchtling/,
  /mentally ill|psychisch krank|suchtkrank|addict/,
];

export function vulnerableCategories(subjectCategories: string[] | null): string[] {
  return (subjectCategories ?? []).filter((c) => VULNERABLE_PATTERNS.some((p) => p.test(c.toLowerCase())));
}

// What the flags say, one phrase each; the pages bring German for the same findings.
export interface FlagPhrases {
  largeScale(count: number, toPeople: boolean): string;
  specialCategories(categories: string[] | null): string;
  vulnerableSubjects(categories: string[] | null): string;
}

const number = (n: number) => n.toLocaleString('en-GB');

export const ENGLISH_FLAG_PHRASES: FlagPhrases = {
  largeScale: (count, toPeople) =>
    toPeople
      ? `Flag large_scale: about ${number(count)} people are affected (${number(LARGE_SCALE_SUBJECTS_FROM)} or more) and their data were disclosed: a high risk to the people is likely; the authority and the people should be told.`
      : `Flag large_scale: about ${number(count)} people are affected (more than ${LARGE_SCALE_AUTHORITY_ABOVE}): a risk to them is not unlikely; the authority should be notified.`,
  specialCategories: (categories) =>
    categories === null
      ? 'Flag special_categories: whether special categories of data (Art. 9, 10) are involved is not known yet; until the incident says so, they count as involved: a high risk is likely; the authority and the people should be told.'
      : `Flag special_categories: the incident records special categories of data (${categories.join(', ')}; Art. 9, 10): a high risk is likely; the authority and the people should be told.`,
  vulnerableSubjects: (categories) =>
    categories === null
      ? 'Flag vulnerable_subjects: the incident records that vulnerable people are affected: a high risk is likely; the authority and the people should be told.'
      : `Flag vulnerable_subjects: the people affected include vulnerable persons (${categories.join(', ')}): a high risk is likely; the authority and the people should be told.`,
};

export interface FlagContext {
  // The breach reached the data: disclosed or possibly exposed, altered beyond easy recovery, or
  // lost beyond easy recovery. A few-minute outage raises nothing, however many or whoever the
  // people are (EDPB 9/2022 Annex B3).
  reachedData: boolean;
  confidentialityAffected: boolean;
}

// The flags this incident raises, in a fixed order.
export function riskFlags(facts: RiskFacts, context: FlagContext, say: FlagPhrases = ENGLISH_FLAG_PHRASES): RiskFlag[] {
  if (!context.reachedData) return [];
  const flags: RiskFlag[] = [];
  const n = facts.approximateSubjects;
  if (n !== null && n > LARGE_SCALE_AUTHORITY_ABOVE) {
    const toPeople = n >= LARGE_SCALE_SUBJECTS_FROM && context.confidentialityAffected;
    flags.push({
      flag: 'large_scale',
      raises: toPeople ? 'data_subjects' : 'authority',
      reason: say.largeScale(n, toPeople),
      source: FLAG_SOURCES.large_scale,
    });
  }
  // undefined (an older caller that does not know the field) counts as unknown, like null.
  const special = facts.specialCategories ?? null;
  if (special === null || special.length > 0) {
    flags.push({
      flag: 'special_categories',
      raises: 'data_subjects',
      reason: say.specialCategories(special),
      source: FLAG_SOURCES.special_categories,
    });
  }
  const explicit = facts.vulnerableSubjects ?? null;
  const matched = vulnerableCategories(facts.subjectCategories);
  if (explicit === true || (explicit === null && matched.length > 0)) {
    flags.push({
      flag: 'vulnerable_subjects',
      raises: 'data_subjects',
      reason: say.vulnerableSubjects(explicit === true && matched.length === 0 ? null : matched),
      source: FLAG_SOURCES.vulnerable_subjects,
    });
  }
  return flags;
}
