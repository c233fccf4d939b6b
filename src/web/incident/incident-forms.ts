import { AssessmentDto } from '../../assessments/dto/assessment.dto';
import { DecisionDto } from '../../assessments/dto/decision.dto';
import { UpdateIncidentDto } from '../../incidents/dto/update-incident.dto';
import { RecordNotificationDto } from '../../notifications/dto/record-notification.dto';
import { localTimeProblem, readZonedLocal } from '../../platform/clock/zoned-time';
import { FieldError, ValidationError } from '../../platform/http/domain-error';
import { validateInput } from '../../platform/validation/validate';
import { FormField } from '../shared/form-errors';
import { formFacts, prune } from '../intake/fact-fields';

// The incident page's four forms (follow-up facts, a sent notification, the assessment, the
// decision): an HTML post (flat names, everything a string, checkboxes sent as "true") read into
// the API's DTO and validated the same way, 400 naming the field otherwise.

export type IncidentForm = 'facts' | 'notification' | 'assessment' | 'decision';
export type FormBody = Record<string, unknown>;

// A field's trimmed text, or undefined when it is empty or not a string.
export function formText(body: FormBody | null | undefined, key: string): string | undefined {
  const v = body?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function assessmentInput(body: FormBody | undefined): AssessmentDto {
  const b = body ?? {};
  const score = formText(b, 'score') !== undefined ? Number(formText(b, 'score')) : undefined;
  const reason = formText(b, 'scoreReason');
  return validateInput(AssessmentDto, {
    dataCategories: [{ category: b.category, ...(score !== undefined ? { score } : {}), ...(reason ? { reason } : {}) }],
    easeOfIdentification: b.easeOfIdentification,
    confidentiality: b.confidentiality,
    integrity: b.integrity,
    availability: b.availability,
    maliciousIntent: b.maliciousIntent === 'true',
    unintelligible: b.unintelligible === 'true',
    recipientTrustedAndDeleted: b.recipientTrustedAndDeleted === 'true',
    highRiskRemovedByMeasures: b.highRiskRemovedByMeasures === 'true',
  });
}

export function decisionInput(body: FormBody | undefined): DecisionDto {
  const b = body ?? {};
  const optional = (k: string) => (formText(b, k) !== undefined ? { [k]: formText(b, k) } : {});
  return validateInput(DecisionDto, {
    notifyAuthority: b.notifyAuthority === 'true',
    notifySubjects: b.notifySubjects === 'true',
    ...optional('authorityReason'),
    ...optional('subjectsReason'),
    ...optional('subjectsExemption'),
  });
}

// Follow-up facts: an empty field leaves the fact as it is; times are read in the user's zone, and a
// time left as the form showed it is not sent again (fact-fields.ts).
export function factsInput(body: FormBody | undefined, timeZone: string): { version: number | null; dto: UpdateIncidentDto } {
  const b = body ?? {};
  const optional = (k: string) => (formText(b, k) !== undefined ? { [k]: formText(b, k) } : {});
  const count = formText(b, 'approximateSubjects.count');
  const errors: FieldError[] = [];
  if (count !== undefined && !/^\d{1,15}$/.test(count))
    errors.push({ path: 'approximateSubjects.count', message: 'must be a whole number of 0 or more' });
  const further = formFacts(b, timeZone, errors);
  let dto: UpdateIncidentDto;
  try {
    dto = validateInput(
      UpdateIncidentDto,
      prune({
        ...optional('likelyConsequences'),
        ...optional('measuresTaken'),
        ...optional('measuresProposed'),
        ...(count !== undefined && errors.length === 0
          ? { approximateSubjects: { count: Number(count), isEstimate: b['approximateSubjects.isEstimate'] === 'true' } }
          : {}),
        ...further,
      }),
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError([...errors, ...(error.errors ?? [])]);
  }
  if (errors.length) throw new ValidationError(errors);
  const version = typeof b.version === 'string' && /^\d{1,9}$/.test(b.version) ? Number(b.version) : null;
  return { version, dto };
}

// "Sent at" is a local date-time read in the user's zone.
export function notificationInput(body: FormBody | undefined, timeZone: string): RecordNotificationDto {
  const b = body ?? {};
  const optional = (k: string) => (formText(b, k) !== undefined ? { [k]: formText(b, k) } : {});
  const read = readZonedLocal(formText(b, 'sentAt') ?? '', timeZone);
  if (!read.ok) throw new ValidationError([{ path: 'sentAt', message: localTimeProblem(read, timeZone)! }]);
  return validateInput(RecordNotificationDto, {
    kind: b.kind,
    sentAt: read.instant.toISOString(),
    ...optional('channel'),
    ...optional('reference'),
    ...optional('reasonsForDelay'),
    // The duty the notification was sent for (GET /incidents/:id/drafts names it); kind may then be left out.
    ...optional('obligationId'),
  });
}

// Where the API's field paths live on the incident page (ids are unique across its forms).
export const INCIDENT_FIELDS: FormField[] = [
  ['likelyConsequences', 'f-consequences', 'likelyConsequences'],
  ['measuresTaken', 'f-taken', 'measuresTaken'],
  ['measuresProposed', 'f-proposed', 'measuresProposed'],
  ['approximateSubjects', 'f-subjects', 'subjects'],
  ['occurredFrom', 'f-from', 'occurredFrom'],
  ['occurredUntil', 'f-until', 'occurredUntil'],
  ['discoveryMethod', 'f-method', 'discoveryMethod'],
  ['ongoing', 'f-ongoing', 'ongoing'],
  ['containedAt', 'f-contained', 'containedAt'],
  ['specialCategories', 'f-special', 'specialCategories'],
  ['vulnerableSubjects', 'f-vulnerable', 'vulnerableSubjects'],
  ['affectedCountries', 'f-countries', 'affectedCountries'],
  ['subProcessor', 'f-subprocessor', 'subProcessor'],
  ['securityBefore.description', 'f-security', 'securityDescription'],
  ['securityBefore', 'f-encryption', 'encryption'],
  ['consequencesMaterialised', 'f-materialised', 'consequencesMaterialised'],
  ['reporter.role', 'f-role', 'reporterRole'],
  ['reporter', 'f-reporter', 'reporterName'],
  ['otherAuthoritiesInformed', 'f-others', 'otherAuthorities'],
  ['kind', 'n-kind', 'kind'],
  ['sentAt', 'n-sent', 'sentAt'],
  ['channel', 'n-channel', 'channel'],
  ['reference', 'n-reference', 'caseReference'],
  ['reasonsForDelay', 'n-delay', 'reasonsForDelay'],
  ['dataCategories.0.score', 'score', 'dpcScore'],
  ['dataCategories.0.reason', 'scoreReason', 'dpcReason'],
  ['dataCategories', 'category', 'dpcCategory'],
  ['easeOfIdentification', 'easeOfIdentification', 'ease'],
  ['confidentiality', 'confidentiality', 'confidentialityLoss'],
  ['integrity', 'integrity', 'integrityLoss'],
  ['availability', 'availability', 'availabilityLoss'],
  ['notifyAuthority', 'd-authority', 'notifyAuthority'],
  ['authorityReason', 'authorityReason', 'authorityReason'],
  ['notifySubjects', 'd-subjects', 'notifySubjects'],
  ['subjectsExemption', 'subjectsExemption', 'exemption'],
  ['subjectsReason', 'subjectsReason', 'subjectsReason'],
];
