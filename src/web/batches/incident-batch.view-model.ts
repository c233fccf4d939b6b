import type { Actor } from '../../identity/domain/actor';
import { formatInstant, formatNumber, Lang, t, term, wordsFor } from '../../i18n';
import type { IncidentBatchResponse } from '../../incidents/batches/dto/incident-batch.response';
import type { ContractChoice } from '../../incidents/batches/dto/contract-choice';
import type { FieldError } from '../../platform/http/domain-error';
import { formErrors } from '../shared/form-errors';
import { factFieldsModel } from '../intake/fact-fields';
import { intakeModel, uniqueErrors } from '../intake/intake.view-model';
import { followUpCoreFacts } from '../incident/incident-facts.view-model';
import { INCIDENT_FIELDS } from '../incident/incident-forms';
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

// Where the batch form posts: a new batch (/incidents/batches) or a draft's edit (…/:id), and where
// its paging and filter buttons post the form to show another page with the ticks kept.
export interface BatchFormTarget {
  action: string;
  pages: string;
  // The draft being edited (Save draft / Submit instead of the draft tick box).
  draftId: string | null;
}

export const NEW_BATCH: BatchFormTarget = { action: '/incidents/batches', pages: '/incidents/batches/new', draftId: null };

// The batch form: which contracts (all, ticked ones from a filtered page, or a sub-processor's), and
// the intake form's fields; after a refusal, what was typed and each error next to its field. Ticks
// of contracts on other pages of the list travel with the form as hidden fields, so paging and
// filtering (buttons that post the form back) keep the whole selection.
export function batchFormModel(
  actor: Actor,
  choices: BatchChoices,
  values: Record<string, unknown>,
  errors: FieldError[],
  target: BatchFormTarget = NEW_BATCH,
) {
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
  const shownIds = new Set(choices.items.map((c) => c.id));
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
    carried: [...ticked].filter((id) => !shownIds.has(id)),
    tickedCount: formatNumber(ticked.size, lang),
    previous: choices.offset > 0 ? { from: String(Math.max(0, choices.offset - CHOICES_PER_PAGE)) } : null,
    next: choices.offset + choices.items.length < choices.total ? { from: String(choices.offset + CHOICES_PER_PAGE) } : null,
    target,
    hideDraft: target.draftId !== null,
  };
}

// The sub-processor select of the intake fields, with the contracts' names instead of one contract's.
function subProcessorOptions(base: { value: string; label: string; selected: boolean }[], names: string[], typed: unknown) {
  const unknown = base.filter((o) => o.value === '');
  return [...unknown, ...names.map((name) => ({ value: name, label: name, selected: typed === name }))];
}

// What the batch page shows besides the batch: its first reports, the follow-up form (as typed after
// a refusal, with its errors) and the counts of the follow-up just saved.
export interface BatchPageExtras {
  reports: { id: string; reference: string; title: string; controllerName: string }[];
  followUp: {
    typed: Record<string, unknown> | null;
    errors: FieldError[];
    done: { changed: string; unchanged: string; skipped: string } | null;
  };
  subProcessors: string[];
}

// The batch page: a draft (what it holds, Edit, Submit, Discard), or the progress (also the
// script's JSON), the first reports, failures, Resume and the follow-up form for every report.
export function batchPageModel(actor: Actor, batch: IncidentBatchResponse, extras: BatchPageExtras) {
  const lang: Lang = actor.locale;
  const words = wordsFor(lang);
  const running = batch.status === 'pending' || batch.status === 'running';
  const draft = batch.status === 'draft';
  const { byField, summary } = formErrors(extras.followUp.errors, INCIDENT_FIELDS, words);
  const done = extras.followUp.done;
  return {
    title: draft ? words.batchDraftTitle : words.batchTitle,
    batch,
    draft,
    draftTitle: typeof batch.incident.title === 'string' ? batch.incident.title : '',
    draftContracts: t(lang, 'batches.batchDraftContracts', { count: formatNumber(batch.total, lang) }),
    progress: progressModel(batch, lang),
    running,
    started: formatInstant(new Date(batch.createdAt), actor.timeZone, lang),
    reports: extras.reports,
    firstReports: t(lang, 'batches.batchFirstReports', { count: formatNumber(extras.reports.length, lang) }),
    failures: batch.failures,
    // A batch that stopped with failures (or waits with nobody running it) can be resumed.
    resumable: !draft && batch.status !== 'completed',
    // The follow-up form: the single report's fields (the shared partial), posted for every report.
    mayFollowUp: !draft && actor.role === 'processor_staff',
    followUpAction: `/incidents/batches/${batch.id}/facts`,
    version: null,
    errors: summary,
    e: byField,
    facts: followUpCoreFacts(extras.followUp.typed, null),
    f: factFieldsModel(extras.followUp.typed, null, extras.subProcessors, actor.timeZone, lang),
    followUpDone: done ? t(lang, 'batches.batchFollowUpDone', done) : null,
  };
}

// The counts of a follow-up, as the form's redirect carries them (?changed=…&unchanged=…&skipped=…).
export function followUpDoneOf(query: Record<string, unknown>, lang: Lang): BatchPageExtras['followUp']['done'] {
  const n = (k: string) => (typeof query[k] === 'string' && /^\d{1,7}$/.test(query[k] as string) ? Number(query[k]) : null);
  const [changed, unchanged, skipped] = [n('changed'), n('unchanged'), n('skipped')];
  if (changed === null || unchanged === null || skipped === null) return null;
  return { changed: formatNumber(changed, lang), unchanged: formatNumber(unchanged, lang), skipped: formatNumber(skipped, lang) };
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
