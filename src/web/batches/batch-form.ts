import { IncidentFieldsDto } from '../../incidents/dto/incident-fields.dto';
import { requiredOnCreate } from '../../incidents/dto/create-incident.dto';
import { CreateBatchDto } from '../../incidents/batches/dto/create-batch.dto';
import { FieldError, ValidationError } from '../../platform/http/domain-error';
import { validateInput } from '../../platform/validation/validate';
import { FormField } from '../shared/form-errors';
import { intakeInput } from '../intake/intake-form';

export type BatchScope = 'all' | 'selected' | 'subProcessor';
export const BATCH_SCOPES: BatchScope[] = ['all', 'selected', 'subProcessor'];

// The selection as the API takes it: "all", the ticked contract ids, or { subProcessor }.
function selectionOf(form: Record<string, unknown>, errors: FieldError[]): unknown {
  const scope = form.scope;
  if (scope === 'all') return 'all';
  if (scope === 'selected') {
    const v = form.contracts;
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
  }
  if (scope === 'subProcessor') {
    const name = form['selection.subProcessor'];
    return { subProcessor: typeof name === 'string' ? name : '' };
  }
  errors.push({ path: 'contracts', message: 'choose all contracts, the ticked ones or those of a sub-processor' });
  return undefined;
}

// The batch form (the intake form's fields, plus which contracts) read and validated as
// POST /api/v1/incidents/batches would, with every problem at once under the API's paths
// ("contracts", "incident.<field>").
export function batchDto(form: Record<string, unknown>, timeZone: string): CreateBatchDto {
  const errors: FieldError[] = [];
  const contracts = selectionOf(form, errors);
  const { dto: incident, errors: read } = intakeInput(form, timeZone);
  delete incident.contractId;
  const incidentErrors = [...read, ...requiredOnCreate(incident as IncidentFieldsDto)].map((e) => ({ ...e, path: `incident.${e.path}` }));
  errors.push(...incidentErrors);
  let dto: CreateBatchDto;
  try {
    dto = validateInput(CreateBatchDto, { ...(contracts === undefined ? {} : { contracts }), incident });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const seen = new Set(errors.map((e) => e.path));
    throw new ValidationError([...errors, ...(error.errors ?? []).filter((e) => !(e.path === 'contracts' && seen.has('contracts')))]);
  }
  if (errors.length) throw new ValidationError(errors);
  return dto;
}

// Where the selection's errors live on the batch form: [path prefix, input id, label word].
export const SELECTION_FIELDS: FormField[] = [['contracts', 'scope', 'batchScope']];

// The API's paths of the intake fields ("incident.title") as the intake form names them ("title").
export function intakeErrorsOf(errors: FieldError[]): { selection: FieldError[]; intake: FieldError[] } {
  const selection = errors.filter((e) => e.path === 'contracts' || e.path.startsWith('contracts.') || e.path === '');
  const intake = errors
    .filter((e) => !selection.includes(e))
    .map((e) => ({ ...e, path: e.path === 'incident' ? '' : e.path.replace(/^incident\./, '') }));
  return { selection, intake };
}
