import { ContractsService } from '../../src/contracts/contracts.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { lowRiskAssessment } from './factories';
import { CapturedMail } from './smtp';
import { TestApp } from './test-app';

// The escalation tests' world: a German controller (DPO in German) with a DPA naming an escalation
// contact (English) and, on request, a deputy; authority clocks from the DPO's own filings.
export const HOUR = 3_600_000;
export const AWARE = '2025-06-06T10:00:00Z'; // authority clock due 2025-06-09T10:00:00Z
export const DUE = Date.parse('2025-06-09T10:00:00Z');
export const at = (hoursBeforeDue: number) => new Date(DUE - hoursBeforeDue * HOUR);

export interface World {
  processorEmail: string;
  dpoToken: string;
  dpoEmail: string;
  contactEmail: string;
  deputyEmail: string | null;
  contractId: string;
  controllerSlug: string;
  processorToken: string;
  adminToken: string;
}

export async function world(
  t: TestApp,
  options: { milestones?: string; deputies?: boolean; contactName?: string; country?: string; reminders?: string } = {},
): Promise<World> {
  const identity = t.get(IdentityService);
  const s = Math.random().toString(16).slice(2, 8);
  await identity.createOrganization(
    options.country
      ? { slug: `c-${s}`, name: `Customer ${s} Inc.`, kind: 'controller', country: options.country, timeZone: 'Europe/Berlin' }
      : { slug: `c-${s}`, name: `Kunde ${s} GmbH`, kind: 'controller', country: 'DE', region: 'DE-HE' },
    CLI_ACTOR,
  );
  await identity.createOrganization(
    { slug: `p-${s}`, name: `Mailer ${s} GmbH`, kind: 'processor', country: 'DE', region: 'DE-BW' },
    CLI_ACTOR,
  );
  const contactEmail = `isb-${s}@controller.example`;
  const deputyEmail = options.deputies ? `deputy-${s}@controller.example` : null;
  const contract = await t.get(ContractsService).create(
    {
      controllerSlug: `c-${s}`,
      processorSlug: `p-${s}`,
      reference: `AVV ${s}`,
      escalationContacts: [{ name: options.contactName ?? 'Iris Security', email: contactEmail, locale: 'en' }],
      escalation: {
        milestones: options.milestones,
        deputies: deputyEmail ? [{ name: 'Dora Deputy', email: deputyEmail, locale: 'en' }] : undefined,
        deputiesAfter: '24h',
        reminders: options.reminders,
      },
    },
    CLI_ACTOR,
  );
  const dpoEmail = `dpo-${s}@controller.example`;
  await identity.createUser(
    { organizationSlug: `c-${s}`, email: dpoEmail, role: 'controller_dpo', locale: 'de', timeZone: 'Europe/Berlin' },
    CLI_ACTOR,
  );
  await identity.createUser(
    { organizationSlug: `p-${s}`, email: `staff-${s}@processor.example`, role: 'processor_staff', locale: 'en', timeZone: 'Europe/London' },
    CLI_ACTOR,
  );
  await identity.createUser({ organizationSlug: `c-${s}`, email: `admin-${s}@controller.example`, role: 'org_admin' }, CLI_ACTOR);
  return {
    adminToken: (await identity.createToken(`admin-${s}@controller.example`, CLI_ACTOR)).token,
    dpoEmail,
    contactEmail,
    deputyEmail,
    processorEmail: `staff-${s}@processor.example`,
    contractId: contract.id,
    controllerSlug: `c-${s}`,
    dpoToken: (await identity.createToken(dpoEmail, CLI_ACTOR)).token,
    processorToken: (await identity.createToken(`staff-${s}@processor.example`, CLI_ACTOR)).token,
  };
}

// The DPO files its own breach, aware at `awareAt`, with the test clock at `filedAt`.
export async function fileOwnBreach(
  t: TestApp,
  w: World,
  awareAt = AWARE,
  filedAt: string | null = awareAt,
  title = 'Customer list exposed',
  affectedCountries?: string[],
): Promise<string> {
  if (filedAt) t.clock.set(filedAt);
  const res = await t.request('POST', '/api/v1/incidents', {
    token: w.dpoToken,
    body: {
      contractId: w.contractId,
      title,
      nature: { description: 'An export was reachable by URL.' },
      specialCategories: [],
      discoveredAt: awareAt,
      controllerAwareAt: awareAt,
      ...(affectedCountries ? { affectedCountries } : {}),
    },
  });
  if (res.status !== 201) throw new Error(`filing refused: ${res.status} ${res.text}`);
  return res.body.id;
}

export const milestonesOf = (mails: CapturedMail[]) => mails.map((m) => `${m.headers['x-breachclock-milestone']} ${m.to[0]}`);
export const mailsOf = (mails: CapturedMail[], incidentId: string) =>
  mails.filter((m) => m.headers['x-breachclock-incident'] === incidentId);

const REASON = 'Only recipient is a bound partner who confirmed deletion in writing.';

// Stops the authority clock ("not notifiable", after a low-risk assessment) at the test clock's time.
export async function decideNotNotifiable(t: TestApp, w: World, incidentId: string): Promise<void> {
  const assessed = await t.request('PUT', `/api/v1/incidents/${incidentId}/assessment`, {
    token: w.dpoToken,
    body: { ...lowRiskAssessment, recipientTrustedAndDeleted: true },
  });
  if (assessed.status !== 200) throw new Error(`assessment refused: ${assessed.status} ${assessed.text}`);
  const stopped = await t.request('POST', `/api/v1/incidents/${incidentId}/decision`, {
    token: w.dpoToken,
    body: { notifyAuthority: false, authorityReason: REASON, notifySubjects: false, subjectsReason: REASON },
  });
  if (stopped.status !== 201) throw new Error(`decision refused: ${stopped.status} ${stopped.text}`);
}

// A later decision to notify after all: the authority clock runs again (reopened).
export function decideToNotify(t: TestApp, w: World, incidentId: string) {
  return t.request('POST', `/api/v1/incidents/${incidentId}/decision`, {
    token: w.dpoToken,
    body: {
      notifyAuthority: true,
      authorityReason: 'The partner found a copy was forwarded; we notify.',
      notifySubjects: false,
      subjectsReason: REASON,
    },
  });
}
