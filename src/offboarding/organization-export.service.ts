import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditChain } from '../audit/audit-chain.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditActor, AuditService, toChained } from '../audit/audit.service';
import { chainGenesis, chainKeyOf } from '../audit/domain/audit-chain';
import { Organization } from '../identity/organization.entity';
import { IdentityError, IdentityErrorCode } from '../identity/identity.errors';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { SigningKeys } from '../platform/signing/signing-keys';
import { ArchiveRow, OrganizationArchive, archiveSignedBytes, buildArchive } from './domain/organization-archive';

// What belongs to one organization, table by table ($1 = its id). Incidents are those it sees
// (docs/architecture.md, "Tenancy"): what it filed, drafts included, and as controller every report
// filed against it. The controller's side (assessments, decisions, notifications to authorities and
// people, escalations) only for incidents it is the controller of; as processor, its own reports.
// Secrets never leave: password hashes, token hashes, webhook secrets, sessions.
const SEEN = `(SELECT id FROM incident WHERE reporter_org_id = $1 OR (controller_id = $1 AND status <> 'draft'))`;
const AS_CONTROLLER = `(SELECT id FROM incident WHERE controller_id = $1 AND (reporter_org_id = $1 OR status <> 'draft'))`;
const AS_PROCESSOR = `(SELECT id FROM incident WHERE reporter_org_id = $1 AND controller_id <> $1)`;

export const ARCHIVE_SECTIONS: Record<string, string> = {
  organization: `SELECT to_jsonb(t) AS r FROM organization t WHERE t.id = $1`,
  users: `SELECT to_jsonb(t) - 'password_hash' AS r FROM app_user t WHERE t.organization_id = $1 ORDER BY t.id`,
  apiTokens: `SELECT to_jsonb(t) - 'token_hash' AS r FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE u.organization_id = $1 ORDER BY t.id`,
  webhookEndpoints: `SELECT to_jsonb(t) - 'secret' AS r FROM webhook_endpoint t WHERE t.organization_id = $1 ORDER BY t.id`,
  contracts: `SELECT to_jsonb(t) AS r FROM contract t WHERE $1 IN (t.controller_id, t.processor_id) ORDER BY t.id`,
  incidents: `SELECT to_jsonb(t) AS r FROM incident t WHERE t.id IN ${SEEN} ORDER BY t.reference`,
  obligations: `SELECT to_jsonb(t) AS r FROM obligation t
    WHERE t.incident_id IN ${AS_CONTROLLER} OR (t.incident_id IN ${AS_PROCESSOR} AND t.processor_id = $1) ORDER BY t.incident_id, t.id`,
  assessments: `SELECT to_jsonb(t) AS r FROM assessment t WHERE t.incident_id IN ${AS_CONTROLLER} ORDER BY t.incident_id, t.version`,
  decisions: `SELECT to_jsonb(t) AS r FROM decision t WHERE t.incident_id IN ${AS_CONTROLLER} ORDER BY t.incident_id, t.sequence`,
  notifications: `SELECT to_jsonb(t) AS r FROM notification t
    WHERE t.incident_id IN ${AS_CONTROLLER} OR (t.incident_id IN ${AS_PROCESSOR} AND t.kind IN ('processor_to_controller', 'filing'))
    ORDER BY t.incident_id, t.sent_at, t.id`,
  nis2Classifications: `SELECT to_jsonb(t) AS r FROM nis2_classification t WHERE t.incident_id IN ${SEEN} ORDER BY t.incident_id`,
  doraClassifications: `SELECT to_jsonb(t) AS r FROM dora_classification t WHERE t.incident_id IN ${SEEN} ORDER BY t.incident_id`,
  escalations: `SELECT to_jsonb(t) AS r FROM escalation t WHERE t.incident_id IN ${AS_CONTROLLER} ORDER BY t.incident_id, t.id`,
};

@Injectable()
export class OrganizationExportService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly keys: SigningKeys,
  ) {}

  // The export as the CLI and the page make it: the archive, then the event "organization.exported"
  // in the chain of whoever exported (an org admin: its own, so the next archive lists it; the CLI:
  // system). Recorded after the snapshot, so the archive ends at the head it names.
  async exportRecorded(slug: string, actor: AuditActor): Promise<OrganizationArchive> {
    const archive = await this.export(slug);
    const m = archive.manifest;
    await this.db.transaction((tx) =>
      this.audit.record(tx, actor, {
        action: 'organization.exported',
        entityType: 'organization',
        entityId: m.organization.id,
        changes: {
          exportedAt: { from: null, to: m.exportedAt },
          auditHead: { from: null, to: m.auditChain.headHash },
          rows: { from: null, to: Object.fromEntries(Object.entries(m.sections).map(([k, v]) => [k, v.rows])) },
        },
      }),
    );
    return archive;
  }

  // The organization a signed-in admin belongs to (its slug names it to the services).
  async organization(id: string): Promise<Organization> {
    const org = await this.db.read((m) => m.findOneBy(Organization, { id }));
    if (!org) throw new IdentityError(IdentityErrorCode.OrganizationNotFound, 'No such organization.');
    return org;
  }

  // The whole archive, read in one snapshot (a repeatable-read transaction that writes nothing),
  // then signed over its manifest.
  async export(slug: string): Promise<OrganizationArchive> {
    const archive = await this.snapshot(slug);
    return { manifest: archive.manifest, signature: await this.keys.sign(archiveSignedBytes(archive)), sections: archive.sections };
  }

  private async snapshot(slug: string): Promise<OrganizationArchive> {
    return this.db.transaction(async (m) => {
      await m.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const org = await organizationBySlug(m, slug);
      const sections: Record<string, ArchiveRow[]> = {};
      for (const [name, sql] of Object.entries(ARCHIVE_SECTIONS)) {
        const rows: { r: ArchiveRow }[] = await m.query(sql, [org.id]);
        sections[name] = rows.map((x) => x.r);
      }
      const chain = chainKeyOf(org.id);
      const head = await m.findOneBy(AuditChain, { chain });
      const events = await m.find(AuditEvent, { where: { chain }, order: { seq: 'ASC' } });
      sections.auditEvents = events.map((e) => ({ ...toChained(e) }));
      // Events from before chains existed that the organization's people made: kept in the shared
      // legacy chain (their hashes are listed; that chain verifies as a whole, with `audit verify`).
      const legacy = await m.find(AuditEvent, { where: { chain: 'legacy', actorOrgId: org.id }, order: { seq: 'ASC' } });
      sections.legacyAuditEvents = legacy.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() }));
      return buildArchive(
        {
          exportedAt: this.clock.now().toISOString(),
          organization: { id: org.id, slug: org.slug, name: org.name },
          auditChain: { chain, headHash: head?.headHash ?? chainGenesis(chain), events: events.length },
        },
        sections,
      );
    });
  }
}

export async function organizationBySlug(m: EntityManager, slug: string): Promise<Organization> {
  const org = typeof slug === 'string' ? await m.findOneBy(Organization, { slug }) : null;
  if (!org) throw new IdentityError(IdentityErrorCode.OrganizationNotFound, `No organization with slug "${slug}".`);
  return org;
}
