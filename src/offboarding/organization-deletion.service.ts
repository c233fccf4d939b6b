import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditErasureService } from '../audit/audit-erasure.service';
import { AuditActor, AuditService, ChainTombstone } from '../audit/audit.service';
import { ApiTokensService } from '../identity/api-tokens.service';
import { Database } from '../platform/database/database';
import { SigningKeys } from '../platform/signing/signing-keys';
import { execute } from '../platform/database/execute';
import { ValidationError } from '../platform/http/domain-error';
import { redact } from './domain/pseudonymise';
import { PERSONAL_COLUMNS, camel } from './retention.service';
import { eraseTraces, resealFor, tracesOf } from './organization-audit-erasure';
import { organizationBySlug } from './organization-export.service';

export interface DeletionSummary {
  organization: { id: string; slug: string };
  incidentsDeleted: number;
  incidentsKeptByControllers: number;
  contractsDeleted: number;
  usersDeleted: number;
  tombstone: ChainTombstone;
  // Its people's values erased from the audit chains that stay (legacy, other organizations', system).
  auditValuesErased: number;
  auditEventsErased: number;
  chainsResealed: string[];
}

// Removes every row of the incidents in the temporary table doomed(id), children first. Notifications
// go inside the erasure the trigger lets through (migration Offboarding1795873000000).
const REMOVE_DOOMED = [
  `DELETE FROM webhook_delivery WHERE incident_id IN (SELECT id FROM doomed)`,
  `DELETE FROM escalation WHERE incident_id IN (SELECT id FROM doomed)`,
  `UPDATE obligation SET fulfilled_by = NULL WHERE incident_id IN (SELECT id FROM doomed) AND fulfilled_by IS NOT NULL`,
  `DELETE FROM notification WHERE incident_id IN (SELECT id FROM doomed)`,
  `DELETE FROM obligation WHERE incident_id IN (SELECT id FROM doomed)`,
  `DELETE FROM decision WHERE incident_id IN (SELECT id FROM doomed)`,
  `DELETE FROM assessment WHERE incident_id IN (SELECT id FROM doomed)`,
  `DELETE FROM nis2_classification WHERE incident_id IN (SELECT id FROM doomed)`,
  `DELETE FROM dora_classification WHERE incident_id IN (SELECT id FROM doomed)`,
  `DELETE FROM incident WHERE id IN (SELECT id FROM doomed)`,
];

// Tenant offboarding (docs/offboarding.md, "Deleting an organization"), in one transaction:
// - its incidents as controller go, with everything about them (a processor keeps, for its own
//   accountability, its own audit chain: what it reported and when);
// - its drafts go; a report it submitted to another controller stays in that controller's register,
//   without the processor's people (contacts, reporter, their names in the report as sent) and
//   without the link to it, its contract or its users;
// - its contracts, users, tokens, sessions, links, digests, webhooks and batches go;
// - its audit chain goes, and a tombstone in the system chain keeps the chain's key, head and count.
@Injectable()
export class OrganizationDeletionService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly tokens: ApiTokensService,
    private readonly erasure: AuditErasureService,
    private readonly keys: SigningKeys,
  ) {}

  async delete(slug: string, confirm: string, actor: AuditActor): Promise<DeletionSummary> {
    if (confirm !== slug) throw new ValidationError([{ path: 'confirm', message: 'must repeat the slug of the organization to delete' }]);
    // Events in chain format 1 that hold something of it are re-sealed first (format 2), so that
    // their values can go; each chain in a transaction of its own, recorded in the system chain.
    const before = await this.db.read(async (m) => tracesOf(m, (await organizationBySlug(m, slug)).id));
    const chainsResealed = await resealFor(this.erasure, before, actor);
    // The key is read (or made) before the deletion's transaction, which then only signs with it.
    await this.keys.key();
    const { summary, userIds } = await this.db.transaction(async (tx) => {
      const org = await organizationBySlug(tx, slug);
      const q = (sql: string, params: unknown[] = [org.id]) => execute(tx, sql, params);
      await q(`SELECT set_config('breachclock.erasure', 'on', true)`, []);
      const { rows: users } = await q(`SELECT id, email FROM app_user WHERE organization_id = $1 FOR UPDATE`);
      await q(`CREATE TEMPORARY TABLE doomed (id uuid PRIMARY KEY) ON COMMIT DROP`, []);
      await q(`INSERT INTO doomed SELECT id FROM incident WHERE controller_id = $1 OR (reporter_org_id = $1 AND status = 'draft')`);
      const { rows: counted } = await q(`SELECT count(*)::int AS n FROM doomed`, []);
      const erased = await eraseTraces(tx, this.erasure, await tracesOf(tx, org.id), PERSONAL_COLUMNS.map(camel));
      for (const sql of REMOVE_DOOMED) await q(sql, []);

      const kept = await this.releaseReports(
        tx,
        org.id,
        users.map((u) => String(u.email)),
      );
      const { affected: contracts } = await q(`DELETE FROM contract WHERE $1 IN (controller_id, processor_id)`);
      await q(`DELETE FROM incident_batch WHERE processor_id = $1`);
      await q(`DELETE FROM webhook_delivery WHERE endpoint_id IN (SELECT id FROM webhook_endpoint WHERE organization_id = $1)`);
      await q(`DELETE FROM webhook_endpoint WHERE organization_id = $1`);
      for (const table of ['digest', 'web_session', 'api_token', 'password_token']) {
        await q(`DELETE FROM ${table} WHERE user_id IN (SELECT id FROM app_user WHERE organization_id = $1)`);
      }
      await q(`DELETE FROM app_user WHERE organization_id = $1`);
      await q(`DELETE FROM organization WHERE id = $1`);
      const tombstone = await this.audit.eraseChain(tx, actor, org.id, `organization ${org.slug} deleted`, (bytes) =>
        this.keys.sign(bytes),
      );
      return {
        userIds: users.map((u) => String(u.id)),
        summary: {
          organization: { id: org.id, slug: org.slug },
          incidentsDeleted: counted[0].n as number,
          incidentsKeptByControllers: kept,
          contractsDeleted: contracts,
          usersDeleted: users.length,
          tombstone,
          auditValuesErased: erased.values,
          auditEventsErased: erased.events,
          chainsResealed,
        },
      };
    });
    // Its tokens stop working here at once (other instances: within the token cache's 5 seconds).
    for (const id of userIds) this.tokens.forgetUser(id);
    return summary;
  }

  // The reports the leaving processor submitted to other controllers stay theirs, without its people.
  private async releaseReports(tx: EntityManager, orgId: string, userEmails: string[]): Promise<number> {
    const { rows: reports } = await execute<{ id: string; known: (string | null)[] }>(
      tx,
      `SELECT i.id, ARRAY[i.contact_name, i.contact_email, i.contact_phone, i.reporter_name, o.dpo_name, o.dpo_email, o.dpo_phone] AS known
       FROM incident i JOIN organization o ON o.id = $1
       WHERE i.reporter_org_id = $1 OR i.processor_id = $1`,
      [orgId],
    );
    for (const r of reports) {
      const known = [...r.known, ...userEmails];
      const { rows: sent } = await execute<{ id: string; body: string }>(
        tx,
        `SELECT id, body FROM notification WHERE incident_id = $1 AND kind IN ('processor_to_controller', 'filing')`,
        [r.id],
      );
      for (const n of sent) await execute(tx, `UPDATE notification SET body = $2 WHERE id = $1`, [n.id, redact(n.body, known)]);
      await execute(tx, `DELETE FROM escalation WHERE incident_id = $1 AND lower(recipient_email) = ANY($2::text[])`, [
        r.id,
        known.filter(Boolean).map((k) => String(k).toLowerCase()),
      ]);
    }
    await execute(
      tx,
      `UPDATE incident SET processor_id = NULL, contract_id = NULL, batch_id = NULL, contact_name = NULL, contact_email = NULL, contact_phone = NULL,
         reporter_name = NULL, reporter_role = NULL
       WHERE reporter_org_id = $1 OR processor_id = $1`,
      [orgId],
    );
    await execute(tx, `UPDATE obligation SET processor_id = NULL WHERE processor_id = $1`, [orgId]);
    return reports.length;
  }
}
