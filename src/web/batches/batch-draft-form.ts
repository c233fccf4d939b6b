import type { BatchSelection } from '../../incidents/batches/dto/create-batch.dto';
import { toZonedIso } from '../../platform/clock/zoned-time';

// A draft batch's stored request (the API's shapes) as the batch form posts it, so the edit page
// shows the draft as typed and saving it again changes nothing: the inverse of batchDto()
// (batch-form.ts). Times are shown to the minute in the user's zone, as datetime-local inputs are.
export function draftFormValues(selection: BatchSelection, intake: Record<string, unknown>, timeZone: string): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') v[key] = value;
    else if (typeof value === 'number') v[key] = String(value);
    else if (typeof value === 'boolean') v[key] = String(value);
  };
  const local = (value: unknown) => (typeof value === 'string' ? toZonedIso(new Date(value), timeZone).slice(0, 16) : undefined);
  const obj = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

  if (selection === 'all') v.scope = 'all';
  else if (Array.isArray(selection)) Object.assign(v, { scope: 'selected', contracts: selection });
  else Object.assign(v, { scope: 'subProcessor', 'selection.subProcessor': selection.subProcessor });

  const nature = obj(intake.nature);
  put('title', intake.title);
  put('nature.description', nature.description);
  if (list(nature.types).length) v['nature.types'] = list(nature.types);
  put('nature.cause', nature.cause);
  for (const k of ['occurredAt', 'discoveredAt', 'occurredFrom', 'occurredUntil', 'containedAt']) put(k, local(intake[k]));
  // The batch form types the categories (its contracts differ): they go back as the free text.
  for (const k of ['dataCategories', 'subjectCategories']) if (list(intake[k]).length) v[`${k}.other`] = list(intake[k]).join(', ');
  for (const k of ['approximateSubjects', 'approximateRecords']) {
    const count = obj(intake[k]);
    put(`${k}.count`, count.count);
    if (count.isEstimate === true) v[`${k}.isEstimate`] = 'true';
  }
  const contact = obj(intake.contact);
  put('contact.name', contact.name);
  put('contact.email', contact.email);
  put('contact.phone', contact.phone);
  for (const k of [
    'likelyConsequences',
    'measuresTaken',
    'measuresProposed',
    'discoveryMethod',
    'subProcessor',
    'consequencesMaterialised',
  ]) {
    put(k, intake[k]);
  }
  const reporter = obj(intake.reporter);
  put('reporter.name', reporter.name);
  put('reporter.role', reporter.role);
  put('ongoing', intake.ongoing);
  put('vulnerableSubjects', intake.vulnerableSubjects);
  if (Array.isArray(intake.specialCategories))
    v.specialCategories = intake.specialCategories.length ? list(intake.specialCategories) : ['none'];
  if (list(intake.affectedCountries).length) v.affectedCountries = list(intake.affectedCountries).join(', ');
  const security = obj(intake.securityBefore);
  put('securityBefore.encryption', security.encryption);
  put('securityBefore.description', security.description);
  if (Array.isArray(intake.otherAuthoritiesInformed)) {
    if (intake.otherAuthoritiesInformed.length === 0) v['otherAuthoritiesInformed.none'] = 'true';
    intake.otherAuthoritiesInformed.forEach((row: unknown, n: number) => {
      const r = obj(row);
      put(`otherAuthoritiesInformed.${n}.name`, r.name);
      put(`otherAuthoritiesInformed.${n}.at`, local(r.at));
      put(`otherAuthoritiesInformed.${n}.reference`, r.reference);
    });
  }
  return v;
}

// The facts of the edited form, with every fact the draft had and the form no longer gives cleared
// (null): saving the edit page replaces the draft's facts as PATCH does field by field.
export function replacingFacts(stored: Record<string, unknown>, typed: Record<string, unknown>): Record<string, unknown> {
  const { draft: _draft, ...facts } = typed;
  const cleared = Object.keys(stored).filter((k) => !(k in facts) && k !== 'draft');
  return { ...Object.fromEntries(cleared.map((k) => [k, null])), ...facts };
}
