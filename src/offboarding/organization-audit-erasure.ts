import { EntityManager } from 'typeorm';
import { AuditActor } from '../audit/audit.service';
import { AuditErasureService, ErasureCount } from '../audit/audit-erasure.service';
import { LEGACY_CHAIN, chainKeyOf } from '../audit/domain/audit-chain';
import { execute } from '../platform/database/execute';
import { deletionErases, everything, mentionsSql, needles } from './domain/audit-erasure-rules';

// What an organization's deletion erases from the audit chains that stay (docs/offboarding.md,
// "Deleting an organization"): its own chain goes whole; elsewhere
// - everything its people did in the legacy chain (from before chains were per organization);
// - its users' e-mail addresses (unique in the installation) wherever they stand, actors included;
// - in the events of the reports it filed for a controller (which the controller keeps): every value
//   of their contact and reporter fields (its people, also former ones), and whatever names its people;
// - in the events of its incidents as controller and of itself and its users: whatever names its
//   people (users, DPO, contacts and reporters of its reports).
// A namesake in another tenant's unrelated incident keeps its name.

// Its people ($1 = its id): [value, whether it is a user's e-mail address].
const PEOPLE = `
  SELECT u.email AS v, true AS unique FROM app_user u WHERE u.organization_id = $1
  UNION SELECT unnest(ARRAY[o.dpo_name, o.dpo_email, o.dpo_phone]), false FROM organization o WHERE o.id = $1
  UNION SELECT unnest(ARRAY[i.contact_name, i.contact_email, i.contact_phone, i.reporter_name]), false FROM incident i
    WHERE i.reporter_org_id = $1 OR i.processor_id = $1`;
// Its reports to controllers; its incidents as controller, itself and its users.
const REPORTS = `SELECT id FROM incident WHERE (reporter_org_id = $1 OR processor_id = $1) AND controller_id <> $1`;
const OWN = `
  SELECT id FROM incident WHERE controller_id = $1
  UNION SELECT id FROM app_user WHERE organization_id = $1
  UNION SELECT $1::uuid`;

const ITS_LEGACY = `a.chain = '${LEGACY_CHAIN}' AND a.actor_org_id = $1`;

export interface OrganizationTraces {
  orgId: string;
  emails: string[];
  people: string[];
  reports: string[];
  own: string[];
}

// Read before anything of it is removed.
export async function tracesOf(m: EntityManager, orgId: string): Promise<OrganizationTraces> {
  const { rows } = await execute<{ v: string | null; unique: boolean }>(m, PEOPLE, [orgId]);
  const ids = async (q: string) => (await execute<{ id: string }>(m, q, [orgId])).rows.map((r) => r.id);
  return {
    orgId,
    emails: needles(rows.filter((r) => r.unique).map((r) => r.v)),
    people: needles(rows.map((r) => r.v)),
    reports: await ids(REPORTS),
    own: await ids(OWN),
  };
}

// The chains with format-1 events it may have to erase from: re-sealed first, each on its own.
export async function resealFor(erasure: AuditErasureService, traces: OrganizationTraces, actor: AuditActor): Promise<string[]> {
  const chains = await erasure.formatOneChains(
    `a.chain <> $2 AND (${ITS_LEGACY} OR a.incident_id = ANY($4::uuid[]) OR ${mentionsSql('$3')})`,
    [traces.orgId, chainKeyOf(traces.orgId), traces.people, traces.reports],
  );
  const done: string[] = [];
  for (const chain of chains) if (await erasure.reseal(chain, actor)) done.push(chain);
  return done;
}

// In the deletion's transaction.
export async function eraseTraces(
  tx: EntityManager,
  erasure: AuditErasureService,
  traces: OrganizationTraces,
  personalFields: string[],
): Promise<ErasureCount> {
  const own = chainKeyOf(traces.orgId);
  const counts = [await erasure.erase(tx, ITS_LEGACY, [traces.orgId], () => everything)];
  const byEmail = deletionErases(traces.emails);
  if (byEmail) counts.push(await erasure.erase(tx, `a.chain <> $1 AND ${mentionsSql('$2')}`, [own, traces.emails], () => byEmail));
  const inReports = deletionErases(traces.people, personalFields);
  if (inReports && traces.reports.length) {
    counts.push(await erasure.erase(tx, `a.chain <> $1 AND a.incident_id = ANY($2::uuid[])`, [own, traces.reports], () => inReports));
  }
  const byName = deletionErases(traces.people);
  if (byName) {
    counts.push(
      await erasure.erase(
        tx,
        `a.chain <> $1 AND (a.incident_id = ANY($2::uuid[]) OR a.entity_id = ANY($2::uuid[])) AND ${mentionsSql('$3')}`,
        [own, traces.own, traces.people],
        () => byName,
      ),
    );
  }
  return { events: counts.reduce((n, c) => n + c.events, 0), values: counts.reduce((n, c) => n + c.values, 0) };
}
