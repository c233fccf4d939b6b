import type { Actor } from '../../identity/domain/actor';
import { formatInstant, formatNumber, Lang, t, term, wordsFor } from '../../i18n';
import type { IncidentBatchResponse } from '../../incidents/batches/dto/incident-batch.response';
import type { ContractChoice } from '../../incidents/batches/dto/contract-choice';
import type { FieldError } from '../../platform/http/domain-error';
import { formErrors } from '../shared/form-errors';
import { intakeModel, uniqueErrors } from '../intake/intake.view-model';
import { BATCH_SCOPES, intakeErrorsOf, SELECTION_FIELDS } from './batch-form';

// How many contracts the form lists at once, and how many reports the batch page links.
export const CHOICES_PER_PAGE = 200;
export const FIRST_REPORTS = 50;

export interface BatchChoices {
  all: number; // every contract of the processor
  items: ContractChoice[];
  total: number; // those the filter matches
  offset: number;
  filter: string;
  subProcessors: string[];
}

// The batch form: which contracts (all, ticked ones from a filtered page, or a sub-processor's), and
// the intake form's fields; after a refusal, what was typed and each error next to its field.
export function batchFormModel(actor: Actor, choices: BatchChoices, values: Record<string, unknown>, errors: FieldError[]) {
  const lang: Lang = actor.locale;
  const words = wordsFor(lang);
  const { selection, intake } = intakeErrorsOf(uniqueErrors(errors));
  // The intake fields as processor staff see them; the categories are typed (contracts differ).
  const asProcessor: Actor = { ...actor, role: 'processor_staff' };
  const fields = intakeModel(
    asProcessor,
    [{ id: '', reference: '', controllerId: '', processorId: actor.organizationId, dataCategories: [], subjectCategories: [] }],
    values,
    intake,
  );
  const picked = formErrors(selection, SELECTION_FIELDS, words);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
  const ticked = new Set(list(values.contracts));
  const scope = typeof values.scope === 'string' ? values.scope : 'all';
  const chosenSub = typeof values['selection.subProcessor'] === 'string' ? values['selection.subProcessor'] : '';
  const pages = (offset: number) => `/incidents/batches/new?${new URLSearchParams({ q: choices.filter, from: String(offset) })}`;
  return {
    ...fields,
    title: words.newBatch,
    errors: [...picked.summary, ...fields.errors],
    e: { ...fields.e, ...picked.byField },
    // The incident's own sub-processor field offers every name the contracts give.
    f: { ...fields.f, subProcessors: subProcessorOptions(fields.f.subProcessors, choices.subProcessors, values.subProcessor) },
    scopes: Object.fromEntries(BATCH_SCOPES.map((s) => [s, scope === s])),
    scopeAll: t(lang, 'batches.batchScopeAll', { count: formatNumber(choices.all, lang) }),
    subProcessorChoices: choices.subProcessors.map((name) => ({ value: name, selected: name === chosenSub })),
    filter: choices.filter,
    contractChoices: choices.items.map((c) => ({
      id: c.id,
      label: `${c.reference} – ${c.controllerName}`,
      subProcessors: (c.subProcessors ?? []).map((s) => s.name).join(', '),
      checked: ticked.has(c.id),
    })),
    shown: choices.items.length
      ? t(lang, 'batches.batchContractsShown', {
          from: formatNumber(choices.offset + 1, lang),
          to: formatNumber(choices.offset + choices.items.length, lang),
          total: formatNumber(choices.total, lang),
        })
      : '',
    previous: choices.offset > 0 ? pages(Math.max(0, choices.offset - CHOICES_PER_PAGE)) : null,
    next: choices.offset + choices.items.length < choices.total ? pages(choices.offset + CHOICES_PER_PAGE) : null,
  };
}

// The sub-processor select of the intake fields, with the contracts' names instead of one contract's.
function subProcessorOptions(base: { value: string; label: string; selected: boolean }[], names: string[], typed: unknown) {
  const unknown = base.filter((o) => o.value === '');
  return [...unknown, ...names.map((name) => ({ value: name, label: name, selected: typed === name }))];
}

// The batch page: progress (also the script's JSON), the first reports, failures, and Resume.
export function batchPageModel(
  actor: Actor,
  batch: IncidentBatchResponse,
  reports: { id: string; reference: string; title: string; controllerName: string }[],
) {
  const lang: Lang = actor.locale;
  const running = batch.status === 'pending' || batch.status === 'running';
  return {
    title: wordsFor(lang).batchTitle,
    batch,
    progress: progressModel(batch, lang),
    running,
    started: formatInstant(new Date(batch.createdAt), actor.timeZone, lang),
    reports,
    firstReports: t(lang, 'batches.batchFirstReports', { count: formatNumber(reports.length, lang) }),
    failures: batch.failures,
    // A batch that stopped with failures (or waits with nobody running it) can be resumed.
    resumable: batch.status !== 'completed',
  };
}

// What the live region says, and what the page's script gets every 2 seconds.
export function progressModel(batch: IncidentBatchResponse, lang: Lang) {
  return {
    status: batch.status,
    done: batch.status === 'completed' || batch.status === 'failed',
    statusText: term(lang, 'batches', `batchStatus_${batch.status}`),
    text: t(lang, 'batches.batchProgress', {
      created: formatNumber(batch.created, lang),
      total: formatNumber(batch.total, lang),
      failed: formatNumber(batch.failed, lang),
    }),
    total: batch.total,
    created: batch.created,
    failed: batch.failed,
  };
}
