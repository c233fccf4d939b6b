import { CreateIncidentDto, requiredOnCreate } from '../../incidents/dto/create-incident.dto';
import { FieldError, ValidationError } from '../../platform/http/domain-error';
import { validateInput } from '../../platform/validation/validate';
import { FormField } from '../shared/form-errors';
import { formFacts, formInstant, prune } from './fact-fields';

// An HTML form post (flat, dotted names, everything a string) → the API's CreateIncidentDto shape.
// Empty fields are left out (unknown); local date-times are read in the user's time zone.
export function intakeInput(form: Record<string, unknown>, timeZone: string): { dto: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const str = (k: string) => (typeof form[k] === 'string' && (form[k] as string).trim() !== '' ? (form[k] as string).trim() : undefined);
  // Ticked choices plus the free-text "others" field (comma-separated), without repeats.
  const list = (k: string) => {
    const v = form[k];
    const ticked = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
    const others = typeof form[`${k}.other`] === 'string' ? (form[`${k}.other`] as string).split(',') : [];
    const items = [...new Set([...ticked, ...others].map((x) => x.trim()).filter(Boolean))];
    return items.length ? items : undefined;
  };
  const instant = (k: string) => formInstant(form, k, timeZone, errors);
  const count = (k: string) => {
    const v = str(`${k}.count`);
    if (v === undefined) return undefined;
    if (!/^\d{1,15}$/.test(v)) {
      errors.push({ path: `${k}.count`, message: 'must be a whole number of 0 or more' });
      return undefined;
    }
    return { count: Number(v), isEstimate: form[`${k}.isEstimate`] === 'true' };
  };
  const contactEmail = str('contact.email');
  const dto: Record<string, unknown> = {
    contractId: str('contractId'),
    title: str('title'),
    nature: { description: str('nature.description'), types: list('nature.types'), cause: str('nature.cause') },
    occurredAt: instant('occurredAt'),
    discoveredAt: instant('discoveredAt'),
    controllerAwareAt: instant('controllerAwareAt'),
    reportedToControllerAt: instant('reportedToControllerAt'),
    dataCategories: list('dataCategories'),
    subjectCategories: list('subjectCategories'),
    approximateSubjects: count('approximateSubjects'),
    approximateRecords: count('approximateRecords'),
    contact: contactEmail ? { name: str('contact.name') ?? contactEmail, email: contactEmail, phone: str('contact.phone') } : undefined,
    likelyConsequences: str('likelyConsequences'),
    measuresTaken: str('measuresTaken'),
    measuresProposed: str('measuresProposed'),
    ...formFacts(form, timeZone, errors),
    draft: form.draft === 'true' ? true : undefined,
  };
  return { dto: prune(dto), errors };
}

// The form read and validated as the API would, with every problem at once: what the form could not
// read, what is required, what the API refuses (one ValidationError naming each field).
export function intakeDto(form: Record<string, unknown>, timeZone: string): CreateIncidentDto {
  const input = intakeInput(form, timeZone);
  input.errors.push(...requiredOnCreate(input.dto as CreateIncidentDto));
  let dto: CreateIncidentDto;
  try {
    dto = validateInput(CreateIncidentDto, input.dto);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError([...input.errors, ...(error.errors ?? [])]);
  }
  if (input.errors.length) throw new ValidationError(input.errors);
  return dto;
}

// Where each of the API's field paths lives on the intake form: [path prefix, input id, label word].
export const INTAKE_FIELDS: FormField[] = [
  ['contractId', 'contractId', 'contract'],
  ['title', 'title', 'titleField'],
  ['nature.description', 'description', 'description'],
  ['nature.types', 'types', 'types'],
  ['nature.cause', 'cause', 'cause'],
  ['nature', 'description', 'description'],
  ['occurredAt', 'occurredAt', 'occurredAt'],
  ['discoveredAt', 'discoveredAt', 'discoveredAt'],
  ['controllerAwareAt', 'controllerAwareAt', 'controllerAwareAt'],
  ['reportedToControllerAt', 'reportedToControllerAt', 'reportedToControllerAt'],
  ['occurredFrom', 'occurredFrom', 'occurredFrom'],
  ['occurredUntil', 'occurredUntil', 'occurredUntil'],
  ['ongoing', 'ongoing', 'ongoing'],
  ['containedAt', 'containedAt', 'containedAt'],
  ['discoveryMethod', 'discoveryMethod', 'discoveryMethod'],
  ['specialCategories', 'specialCategories', 'specialCategories'],
  ['vulnerableSubjects', 'vulnerableSubjects', 'vulnerableSubjects'],
  ['affectedCountries', 'affectedCountries', 'affectedCountries'],
  ['subProcessor', 'subProcessor', 'subProcessor'],
  ['reporter.role', 'reporterRole', 'reporterRole'],
  ['reporter', 'reporterName', 'reporterName'],
  ['securityBefore.description', 'securityDescription', 'securityDescription'],
  ['securityBefore', 'encryption', 'encryption'],
  ['consequencesMaterialised', 'consequencesMaterialised', 'consequencesMaterialised'],
  ['otherAuthoritiesInformed', 'otherAuthorities', 'otherAuthorities'],
  ['dataCategories', 'dataCategories', 'dataCategories'],
  ['subjectCategories', 'subjectCategories', 'subjectCategories'],
  ['approximateSubjects', 'subjects', 'subjects'],
  ['approximateRecords', 'records', 'records'],
  ['contact.name', 'contactName', 'name'],
  ['contact.phone', 'contactPhone', 'phone'],
  ['contact', 'contactEmail', 'email'],
  ['likelyConsequences', 'likelyConsequences', 'likelyConsequences'],
  ['measuresTaken', 'measuresTaken', 'measuresTaken'],
  ['measuresProposed', 'measuresProposed', 'measuresProposed'],
];
