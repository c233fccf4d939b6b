// The vocabulary of a breach report, and which of its Art. 33(3) items are still unknown.
// Pure: no Nest, no TypeORM.

export const BREACH_TYPES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachType = (typeof BREACH_TYPES)[number];

export const BREACH_CAUSES = [
  'malware',
  'hacking',
  'phishing',
  'lost_device',
  'misdirected_email',
  'insider',
  'software_error',
  'physical',
  'other',
] as const;
export type BreachCause = (typeof BREACH_CAUSES)[number];

// Art. 9(1) special categories, and Art. 10 criminal-offence data.
export const SPECIAL_CATEGORIES = [
  'racial_or_ethnic_origin',
  'political_opinions',
  'religious_or_philosophical_beliefs',
  'trade_union_membership',
  'genetic',
  'biometric',
  'health',
  'sex_life_or_orientation',
  'criminal_convictions_and_offences',
] as const;
export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];

// How well the data were protected before the breach (AP, NI, ICO forms: "measures before the incident").
export const ENCRYPTION_LEVELS = ['none', 'partial', 'full'] as const;
export type EncryptionLevel = (typeof ENCRYPTION_LEVELS)[number];

// Another body already told of the breach (police, BSI/CSIRT, another regulator: RP and ICO forms).
export interface AuthorityInformed {
  name: string;
  at: string; // UTC instant, ISO 8601
  reference: string | null;
}

// What the controller needs from a report (Art. 33(3)(a)–(d), the seed DPAs' §8). Null means
// not known yet; an empty list of special categories means "none".
export interface ReportFacts {
  natureTypes: string[] | null;
  natureCause: string | null;
  occurredAt: Date | null;
  occurredFrom: Date | null;
  dataCategories: string[] | null;
  specialCategories: string[] | null;
  subjectCategories: string[] | null;
  approximateSubjects: number | null;
  approximateRecords: number | null;
  contactEmail: string | null;
  likelyConsequences: string | null;
  measuresTaken: string | null;
  measuresProposed: string | null;
}

// Field paths as the API names them, in the order of Art. 33(3).
export function missingItems(f: ReportFacts): string[] {
  const missing: string[] = [];
  const empty = (list: string[] | null) => list === null || list.length === 0;
  if (empty(f.natureTypes)) missing.push('nature.types');
  if (f.natureCause === null) missing.push('nature.cause');
  if (f.occurredAt === null && f.occurredFrom === null) missing.push('occurredAt');
  if (empty(f.subjectCategories)) missing.push('subjectCategories');
  if (f.approximateSubjects === null) missing.push('approximateSubjects');
  if (empty(f.dataCategories)) missing.push('dataCategories');
  if (f.specialCategories === null) missing.push('specialCategories');
  if (f.approximateRecords === null) missing.push('approximateRecords');
  if (f.contactEmail === null) missing.push('contact');
  if (f.likelyConsequences === null) missing.push('likelyConsequences');
  if (f.measuresTaken === null) missing.push('measuresTaken');
  if (f.measuresProposed === null) missing.push('measuresProposed');
  return missing;
}

export interface Containment {
  ongoing: boolean | null;
  containedAt: Date | null;
  // The start of the breach, when known (occurredAt or occurredFrom).
  start: Date | null;
  otherAuthoritiesInformed: AuthorityInformed[] | null;
  // The request set containedAt (the problem then names it; otherwise it names ongoing).
  containedAtGiven: boolean;
}

// A breach that is still going on has not been contained: `containedAt` needs `ongoing` to be
// false or unknown (docs/decisions.md, "Intake facts of the authorities' forms"). Containment
// and telling another body lie in the past, containment not before the breach began.
export function containmentProblems(c: Containment, now: Date): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const future = (d: Date) => d.getTime() > now.getTime() + CLOCK_SKEW_MS;
  if (c.ongoing === true && c.containedAt !== null) {
    problems.push(
      c.containedAtGiven
        ? { path: 'containedAt', message: 'must be empty while ongoing is true (a breach still going on is not contained)' }
        : { path: 'ongoing', message: 'cannot be true: the breach was contained at containedAt (clear containedAt first)' },
    );
  }
  if (c.containedAt && future(c.containedAt)) problems.push({ path: 'containedAt', message: 'must not be in the future' });
  else if (c.containedAt && c.start && c.containedAt < c.start) {
    problems.push({ path: 'containedAt', message: 'must not be before the breach began (occurredAt or occurredFrom)' });
  }
  (c.otherAuthoritiesInformed ?? []).forEach((o, n) => {
    if (future(new Date(o.at))) problems.push({ path: `otherAuthoritiesInformed.${n}.at`, message: 'must not be in the future' });
  });
  return problems;
}

export interface Timeline {
  occurredAt: Date | null;
  occurredFrom: Date | null;
  occurredUntil: Date | null;
  discoveredAt: Date;
  reportedToControllerAt: Date | null;
  controllerAwareAt: Date | null;
}

// How far a client's clock may run ahead before an instant counts as "in the future".
export const CLOCK_SKEW_MS = 60_000;

// The order of events a report must respect; each problem names the field to fix.
export function timelineProblems(t: Timeline, now: Date): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const future = (d: Date | null) => d !== null && d.getTime() > now.getTime() + CLOCK_SKEW_MS;
  if (t.occurredAt && (t.occurredFrom || t.occurredUntil)) {
    problems.push({ path: 'occurredAt', message: 'give either occurredAt or the range occurredFrom/occurredUntil, not both' });
  }
  if (t.occurredUntil && !t.occurredFrom) problems.push({ path: 'occurredFrom', message: 'is required when occurredUntil is given' });
  if (t.occurredFrom && t.occurredUntil && t.occurredFrom > t.occurredUntil) {
    problems.push({ path: 'occurredUntil', message: 'must not be before occurredFrom' });
  }
  const instants: [keyof Timeline, Date | null][] = [
    ['occurredAt', t.occurredAt],
    ['occurredFrom', t.occurredFrom],
    ['occurredUntil', t.occurredUntil],
    ['discoveredAt', t.discoveredAt],
    ['reportedToControllerAt', t.reportedToControllerAt],
    ['controllerAwareAt', t.controllerAwareAt],
  ];
  for (const [path, value] of instants) {
    if (future(value)) problems.push({ path, message: 'must not be in the future' });
  }
  const start = t.occurredAt ?? t.occurredFrom;
  if (start && start > t.discoveredAt)
    problems.push({ path: t.occurredAt ? 'occurredAt' : 'occurredFrom', message: 'must not be after discoveredAt' });
  // (A discovery in the future is reported above; comparing other instants with it would only add noise.)
  if (t.reportedToControllerAt && t.reportedToControllerAt < t.discoveredAt && !future(t.discoveredAt)) {
    problems.push({ path: 'reportedToControllerAt', message: 'must not be before discoveredAt' });
  }
  // The controller may have learned earlier (e.g. by phone), never later than the report reached it.
  if (t.controllerAwareAt && t.reportedToControllerAt && t.controllerAwareAt > t.reportedToControllerAt) {
    problems.push({
      path: 'controllerAwareAt',
      message: 'must not be after reportedToControllerAt (the controller knew from then at the latest)',
    });
  }
  return problems;
}
