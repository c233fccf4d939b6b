import type { Actor } from '../../identity/domain/actor';
import { BREACH_CAUSES, BREACH_TYPES } from '../../incidents/domain/incident-facts';
import type { FieldError } from '../../platform/http/domain-error';
import { Lang, t, term, wordsFor } from '../../i18n';
import { formErrors, FormField } from '../shared/form-errors';
import { factFieldsModel } from './fact-fields';
import { INTAKE_FIELDS } from './intake-form';

// A contract as the intake form offers it.
export interface IntakeContract {
  id: string;
  reference: string;
  controllerId: string;
  processorId: string;
  controller?: { name: string } | null;
  processor?: { name: string } | null;
  dataCategories: string[];
  subjectCategories: string[];
  subProcessors?: { name: string }[];
}

// The same error listed once, in the order it came.
export function uniqueErrors(errors: FieldError[]): FieldError[] {
  return errors.filter((x, i, all) => all.findIndex((y) => y.path === x.path && y.message === x.message) === i);
}

// The intake form, grouped like the authorities' forms, with the contract's categories as choices;
// after a refusal, what was typed and each error next to its field.
export function intakeModel(actor: Actor, allContracts: IntakeContract[], values: Record<string, unknown>, errors: FieldError[]) {
  const lang: Lang = actor.locale;
  const t = wordsFor(lang);
  // Processor staff report under a DPA with a controller; a controller's DPO records their own
  // breach (no contract) or a processor's report that came another way (a DPA where they control).
  const isProcessor = actor.role === 'processor_staff';
  const contracts = allContracts.filter((c) => (isProcessor ? c.processorId : c.controllerId) === actor.organizationId);
  const chosen = contracts.find((c) => c.id === values.contractId) ?? (isProcessor ? contracts[0] : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  // Unless the DPO gave when the processor reported, that moment is their awareness (the field they filled).
  const fields: FormField[] = text('reportedToControllerAt')
    ? INTAKE_FIELDS
    : [['reportedToControllerAt', 'controllerAwareAt', 'controllerAwareAt'], ...INTAKE_FIELDS];
  const { byField, summary } = formErrors(errors, fields, t);
  return {
    title: t.newReport,
    timeZone: actor.timeZone,
    errors: summary,
    e: byField,
    isProcessor,
    // The batch edit page has its own Save draft / Submit buttons.
    hideDraft: false,
    contracts: [
      ...(isProcessor ? [] : [{ id: '', label: t.ownBreach, selected: !chosen }]),
      ...contracts.map((c) => ({
        id: c.id,
        label: `${c.reference} – ${(isProcessor ? c.controller : c.processor)?.name ?? ''}`,
        selected: c.id === chosen?.id,
      })),
    ],
    types: BREACH_TYPES.map((v) => ({ value: v, label: t[v], checked: list(values['nature.types']).includes(v) })),
    causes: BREACH_CAUSES.map((v) => ({ value: v, label: term(lang, 'cause', v), selected: values['nature.cause'] === v })),
    dataCategories: (chosen?.dataCategories ?? []).map((v) => ({ value: v, checked: list(values.dataCategories).includes(v) })),
    subjectCategories: (chosen?.subjectCategories ?? []).map((v) => ({
      value: v,
      checked: list(values.subjectCategories).includes(v),
    })),
    // The facts the authorities' forms ask beyond Art. 33(3), and those the form lacked (issue 15).
    f: factFieldsModel(
      values,
      null,
      (chosen?.subProcessors ?? []).map((s) => s.name),
      actor.timeZone,
      lang,
    ),
    v: {
      title: text('title'),
      description: text('nature.description'),
      occurredAt: text('occurredAt'),
      discoveredAt: text('discoveredAt'),
      controllerAwareAt: text('controllerAwareAt'),
      reportedToControllerAt: text('reportedToControllerAt'),
      dataCategoriesOther: text('dataCategories.other'),
      subjectCategoriesOther: text('subjectCategories.other'),
      subjects: text('approximateSubjects.count'),
      subjectsEstimate: values['approximateSubjects.isEstimate'] === 'true',
      records: text('approximateRecords.count'),
      recordsEstimate: values['approximateRecords.isEstimate'] === 'true',
      contactName: text('contact.name'),
      contactEmail: text('contact.email'),
      contactPhone: text('contact.phone'),
      likelyConsequences: text('likelyConsequences'),
      measuresTaken: text('measuresTaken'),
      measuresProposed: text('measuresProposed'),
      draft: values.draft === 'true',
    },
  };
}

// Organization admins do not report breaches: the page says who does.
export function intakeRefusedMessage(lang: Lang): string {
  return t(lang, 'pages.intakeRefused');
}
