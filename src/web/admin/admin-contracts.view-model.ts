import type { Contract } from '../../contracts/contract.entity';
import { DEFAULT_MILESTONES, durationText } from '../../contracts/domain/escalation-settings';
import type { FieldError } from '../../platform/http/domain-error';
import type { Role } from '../../identity/user.entity';
import { Lang, t, wordsFor } from '../../i18n';
import { formErrors, FormField } from '../shared/form-errors';
import { adminNav } from './admin-sections';

export const CONTRACTS_PAGE_SIZE = 100;

const FIELDS: FormField[] = [
  ['controllerSlug', 'controllerSlug', 'contractControllerSlug'],
  ['reference', 'reference', 'contractReference'],
  ['processorNoticeHours', 'processorNoticeHours', 'contractNoticeHours'],
  ['subProcessors', 'subProcessors', 'contractSubProcessors'],
  ['milestones', 'milestones', 'contractMilestones'],
  ['deputies', 'deputies', 'contractDeputies'],
  ['deputiesAfter', 'deputiesAfter', 'contractDeputiesAfter'],
];

export interface Viewer {
  role: Role;
  organizationId: string;
  processor: boolean; // an org admin of a processor: manages terms and imports
}

const lines = (text: unknown) =>
  (typeof text === 'string' ? text : '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split('|').map((p) => p.trim()));
const text = (body: Record<string, unknown>, k: string) => (typeof body?.[k] === 'string' ? (body[k] as string).trim() : '');
const hours = (v: string) => (/^\d+$/.test(v) ? Number(v) : v || undefined);

// The forms as the services' input: empty fields left out.
export function newContractInput(body: Record<string, unknown>) {
  return {
    controllerSlug: text(body, 'controllerSlug'),
    reference: text(body, 'reference'),
    processorNoticeHours: hours(text(body, 'processorNoticeHours')),
  };
}
export function termsInput(body: Record<string, unknown>) {
  return {
    processorNoticeHours: hours(text(body, 'processorNoticeHours')),
    subProcessors: lines(body?.subProcessors).map(([name, address, service]) => ({
      name,
      ...(address ? { address } : {}),
      ...(service ? { service } : {}),
    })),
  };
}
export function escalationInput(body: Record<string, unknown>) {
  return {
    milestones: text(body, 'milestones') || undefined,
    deputies: lines(body?.deputies).map(([name, email]) => ({ name, email: email ?? '' })),
    deputiesAfter: text(body, 'deputiesAfter') || undefined,
  };
}

export function importNotice(lang: Lang, r: { created: number; updated: number; unchanged: number; controllersCreated: number }) {
  return t(lang, 'web.contractImported', {
    created: String(r.created),
    updated: String(r.updated),
    unchanged: String(r.unchanged),
    controllers: String(r.controllersCreated),
  });
}

// The list (one page), the forms, and a refused import's lines.
export function adminContractsModel(
  lang: Lang,
  viewer: Viewer,
  contracts: Contract[],
  total: number,
  page: number,
  errors: FieldError[],
  importErrors: { line: number; column: string | null; message: string }[],
  notice: string | null,
  values: Record<string, string>,
) {
  const w = wordsFor(lang) as unknown as Record<string, string>;
  const { byField, summary } = formErrors(errors, FIELDS, w);
  const pages = Math.max(1, Math.ceil(total / CONTRACTS_PAGE_SIZE));
  return {
    title: w.adminContracts,
    nav: adminNav(viewer.role, w, '/admin/contracts'),
    notice,
    errors: summary,
    e: byField,
    values: { controllerSlug: '', reference: '', processorNoticeHours: '', csv: '', ...values },
    importErrors: importErrors.map((l) => ({ ...l, column: l.column ?? '' })),
    processor: viewer.processor,
    pageText: t(lang, 'web.contractsPage', { page: String(page), pages: String(pages), total: String(total) }),
    previous: page > 1 ? `/admin/contracts?page=${page - 1}` : null,
    next: page < pages ? `/admin/contracts?page=${page + 1}` : null,
    contracts: contracts.map((c) => ({
      id: c.id,
      reference: c.reference,
      controller: c.controller?.name ?? c.controllerId,
      processor: c.processor?.name ?? c.processorId,
      noticeHours: c.processorNoticeHours,
      milestones: (c.escalationMilestones ?? DEFAULT_MILESTONES).map(durationText).join(', '),
    })),
  };
}

// One contract: the terms form for its processor's org admin, the escalation form for its controller.
export function adminContractModel(lang: Lang, viewer: Viewer, c: Contract, errors: FieldError[], notice: string | null) {
  const w = wordsFor(lang) as unknown as Record<string, string>;
  const { byField, summary } = formErrors(errors, FIELDS, w);
  return {
    title: `${w.adminContracts}: ${c.reference}`,
    nav: adminNav(viewer.role, w, '/admin/contracts'),
    notice,
    errors: summary,
    e: byField,
    contract: { id: c.id, reference: c.reference, controller: c.controller?.name ?? '', processor: c.processor?.name ?? '' },
    mayEditTerms: viewer.processor && c.processorId === viewer.organizationId,
    mayEditEscalation: c.controllerId === viewer.organizationId,
    values: {
      processorNoticeHours: String(c.processorNoticeHours),
      subProcessors: c.subProcessors.map((s) => [s.name, s.address, s.service].filter(Boolean).join(' | ')).join('\n'),
      milestones: (c.escalationMilestones ?? DEFAULT_MILESTONES).map(durationText).join(','),
      deputies: c.deputyContacts.map((d) => `${d.name} | ${d.email}`).join('\n'),
      deputiesAfter: durationText(c.deputyAfterMinutes),
    },
  };
}
