import { randomBytes } from 'node:crypto';
import { ContractsService } from '../../src/contracts/contracts.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { TestApp } from './test-app';

export interface Tenant {
  controllerSlug: string;
  processorSlug: string;
  controllerId: string;
  processorId: string;
  contractId: string;
  dpoToken: string;
  processorToken: string;
  adminToken: string;
  dpoEmail: string;
  processorEmail: string;
}

const suffix = () => randomBytes(4).toString('hex');

// A controller, a processor, the DPA between them, a DPO, processor staff and an org admin,
// each with an API token. Every call makes new names, so tests never share data.
export async function makeTenant(t: TestApp, options: { noticeHours?: number; subProcessors?: { name: string }[] } = {}): Promise<Tenant> {
  const identity = t.get(IdentityService);
  const contracts = t.get(ContractsService);
  const s = suffix();
  const controller = await identity.createOrganization(
    {
      slug: `ctrl-${s}`,
      name: `Controller ${s} GmbH`,
      kind: 'controller',
      country: 'DE',
      region: 'DE-HE',
      dpoName: 'Dana DPO',
      dpoEmail: `dpo-${s}@controller.example`,
    },
    CLI_ACTOR,
  );
  const processor = await identity.createOrganization(
    { slug: `proc-${s}`, name: `Processor ${s} GmbH`, kind: 'processor', country: 'DE', region: 'DE-BW' },
    CLI_ACTOR,
  );
  const contract = await contracts.create(
    {
      controllerSlug: controller.slug,
      processorSlug: processor.slug,
      reference: `AVV ${s}`,
      processorNoticeHours: options.noticeHours ?? 24,
      dataCategories: ['email addresses', 'names'],
      subjectCategories: ['customers'],
      subProcessors: options.subProcessors ?? [{ name: 'Hosting Sub GmbH' }],
    },
    CLI_ACTOR,
  );
  const dpoEmail = `dpo-${s}@controller.example`;
  const processorEmail = `staff-${s}@processor.example`;
  await identity.createUser({ organizationSlug: controller.slug, email: dpoEmail, role: 'controller_dpo' }, CLI_ACTOR);
  await identity.createUser({ organizationSlug: processor.slug, email: processorEmail, role: 'processor_staff' }, CLI_ACTOR);
  await identity.createUser({ organizationSlug: controller.slug, email: `admin-${s}@controller.example`, role: 'org_admin' }, CLI_ACTOR);
  return {
    controllerSlug: controller.slug,
    processorSlug: processor.slug,
    controllerId: controller.id,
    processorId: processor.id,
    contractId: contract.id,
    dpoToken: (await identity.createToken(dpoEmail, CLI_ACTOR)).token,
    processorToken: (await identity.createToken(processorEmail, CLI_ACTOR)).token,
    adminToken: (await identity.createToken(`admin-${s}@controller.example`, CLI_ACTOR)).token,
    dpoEmail,
    processorEmail,
  };
}

// A complete processor report (nothing missing), relative to the test clock.
// The intake fields of a batch: a full report without contractId.
export function batchIntake(discoveredAt: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const report = fullReport(undefined, discoveredAt, overrides);
  delete report.contractId;
  return report;
}

export function fullReport(
  contractId: string | undefined,
  discoveredAt: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    contractId,
    title: 'Newsletter sent with all recipients in To:',
    nature: {
      description: 'All recipient addresses were visible to every recipient.',
      types: ['confidentiality'],
      cause: 'misdirected_email',
    },
    occurredAt: discoveredAt,
    discoveredAt,
    dataCategories: ['email addresses'],
    specialCategories: [],
    subjectCategories: ['customers'],
    approximateSubjects: { count: 1840, isEstimate: false },
    approximateRecords: { count: 1840, isEstimate: true },
    contact: { name: 'Sam Security', email: 'security@processor.example', phone: '+49 761 123456' },
    likelyConsequences: 'More spam and phishing aimed at the recipients.',
    measuresTaken: 'Sending stopped, template fixed.',
    measuresProposed: 'Four-eyes review of campaign headers.',
    ...overrides,
  };
}

// A low-risk assessment (simple data, known recipients, nothing malicious): "not notifiable" fits it.
export const lowRiskAssessment = {
  dataCategories: [{ category: 'simple' }],
  easeOfIdentification: 'limited',
  confidentiality: 'known_recipients',
  integrity: 'not_affected',
  availability: 'not_affected',
  maliciousIntent: false,
};

export interface Customer {
  controllerId: string;
  contractId: string;
  dpoToken: string;
}

// Another controller of the tenant's processor under its own DPA, with a DPO and an API token.
export async function addCustomer(t: TestApp, tenant: Tenant, options: { subProcessors?: { name: string }[] } = {}): Promise<Customer> {
  const identity = t.get(IdentityService);
  const s = suffix();
  const controller = await identity.createOrganization(
    { slug: `ctrl-${s}`, name: `Controller ${s} GmbH`, kind: 'controller', country: 'DE', region: 'DE-HE' },
    CLI_ACTOR,
  );
  const contract = await t.get(ContractsService).create(
    {
      controllerSlug: controller.slug,
      processorSlug: tenant.processorSlug,
      reference: `AVV ${s}`,
      processorNoticeHours: 24,
      dataCategories: ['email addresses'],
      subjectCategories: ['customers'],
      subProcessors: options.subProcessors ?? [{ name: 'Hosting Sub GmbH' }],
    },
    CLI_ACTOR,
  );
  const dpoEmail = `dpo-${s}@controller.example`;
  await identity.createUser({ organizationSlug: controller.slug, email: dpoEmail, role: 'controller_dpo' }, CLI_ACTOR);
  return { controllerId: controller.id, contractId: contract.id, dpoToken: (await identity.createToken(dpoEmail, CLI_ACTOR)).token };
}

// Assessed as low risk, decided not to notify, closed: the controller's side of an incident.
export async function decideNotToNotifyAndClose(t: TestApp, tenant: Tenant, id: string): Promise<void> {
  expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: lowRiskAssessment })).status).toBe(
    200,
  );
  const decided = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
    token: tenant.dpoToken,
    body: {
      notifyAuthority: false,
      authorityReason: 'Only Sam Security saw it; the data are encrypted.',
      notifySubjects: false,
      subjectsExemption: '34(3)(a)',
      subjectsReason: 'No risk to the people: the data are unintelligible.',
    },
  });
  expect(decided.status).toBe(201);
  const closed = await t.request('POST', `/api/v1/incidents/${id}/status`, { token: tenant.dpoToken, body: { status: 'closed' } });
  expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
}

// A complete report filed by the tenant's processor staff now (test clock); returns its id.
export async function fileReport(t: TestApp, tenant: Tenant, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await t.request('POST', '/api/v1/incidents', {
    token: tenant.processorToken,
    body: fullReport(tenant.contractId, t.clock.now().toISOString(), overrides),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}
