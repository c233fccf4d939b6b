import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditErasureService } from '../audit/audit-erasure.service';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { execute } from '../platform/database/execute';
import { retentionErases } from './domain/audit-erasure-rules';
import { REMOVED, redact, redactJson } from './domain/pseudonymise';

export const PSEUDONYMISED_ACTION = 'incident.pseudonymised';

// The incident's people and its free text: what retention replaces (docs/offboarding.md, "Retention").
export const PERSONAL_COLUMNS = ['contact_name', 'contact_email', 'contact_phone', 'reporter_name', 'reporter_role'] as const;
export const FREE_TEXT_COLUMNS = [
  'title',
  'nature_description',
  'nature_cause',
  'likely_consequences',
  'measures_taken',
  'measures_proposed',
  'sub_processor',
  'not_a_breach_reason',
  'security_description',
  'consequences_materialised',
] as const;

export interface RetentionCandidate {
  incidentId: string;
  reference: string;
  closedAt: string;
  fields: string[]; // the incident's columns that hold something and will be replaced
  notifications: number; // bodies as sent, redacted (their SHA-256 stays)
  decisions: number;
  escalations: number;
  // Values erased from the incident's audit events (reasons, its people, free text): counts only.
  auditValues: number;
  auditEvents: number;
}

export interface RetentionReport {
  cutoff: string;
  days: number;
  dryRun: boolean;
  incidents: RetentionCandidate[];
}

// Closed incidents past the retention period, not yet pseudonymised. The closing time is the last
// audit event that moved the incident to "closed" (the chain proves it); updated_at where none is left.
const CANDIDATES = `
  SELECT i.id, i.reference, c.closed_at
  FROM incident i
  CROSS JOIN LATERAL (
    SELECT coalesce(max(a.occurred_at), i.updated_at) AS closed_at FROM audit_event a
    WHERE a.incident_id = i.id AND a.changes -> 'status' ->> 'to' = 'closed'
  ) c
  WHERE i.status = 'closed' AND c.closed_at <= $1
    AND NOT EXISTS (SELECT 1 FROM audit_event p WHERE p.incident_id = i.id AND p.action = '${PSEUDONYMISED_ACTION}')
  ORDER BY c.closed_at, i.reference`;

@Injectable()
export class RetentionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly erasure: AuditErasureService,
  ) {}

  // Dry run: what would change. Otherwise each incident is pseudonymised in its own transaction,
  // with an audit event (in its controller's chain) naming the fields, never their values.
  async run(options: { dryRun: boolean }, actor: AuditActor): Promise<RetentionReport> {
    const days = this.config.retentionClosedDays;
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
    const candidates = await this.db.read((m) =>
      execute<{ id: string; reference: string; closed_at: Date | string }>(m, CANDIDATES, [cutoff]),
    );
    const incidents: RetentionCandidate[] = [];
    // Events still in chain format 1 cannot lose a value without re-hashing: their chains are
    // re-sealed in format 2 first (each in a transaction of its own, recorded in the system chain).
    if (!options.dryRun && candidates.rows.length) {
      const ids = candidates.rows.map((c) => c.id);
      for (const chain of await this.erasure.formatOneChains('a.incident_id = ANY($1::uuid[])', [ids])) {
        await this.erasure.reseal(chain, actor);
      }
    }
    for (const c of candidates.rows) {
      const work = (tx: EntityManager) => this.pseudonymise(tx, c, options.dryRun, actor);
      incidents.push(options.dryRun ? await this.db.read(work) : await this.db.transaction(work));
    }
    return { cutoff: cutoff.toISOString(), days, dryRun: options.dryRun, incidents };
  }

  private async pseudonymise(
    tx: EntityManager,
    c: { id: string; reference: string; closed_at: Date | string },
    dryRun: boolean,
    actor: AuditActor,
  ): Promise<RetentionCandidate> {
    const cols = [...PERSONAL_COLUMNS, ...FREE_TEXT_COLUMNS];
    const { rows } = await execute<Record<string, string | null>>(
      tx,
      `SELECT controller_id, ${cols.join(', ')} FROM incident WHERE id = $1 ${dryRun ? '' : 'FOR UPDATE'}`,
      [c.id],
    );
    const incident = rows[0];
    const known = PERSONAL_COLUMNS.map((k) => incident[k]);
    const fields = cols.filter((k) => incident[k] !== null && incident[k] !== REMOVED);
    const { rows: notifications } = await execute<{ id: string; body: string }>(
      tx,
      `SELECT id, body FROM notification WHERE incident_id = $1`,
      [c.id],
    );
    const { rows: decisions } = await execute<{
      id: string;
      authority_reason: string | null;
      subjects_reason: string | null;
      subjects_exemption: string | null;
    }>(tx, `SELECT id, authority_reason, subjects_reason, subjects_exemption FROM decision WHERE incident_id = $1`, [c.id]);
    const { rows: escalations } = await execute<{ n: number }>(tx, `SELECT count(*)::int AS n FROM escalation WHERE incident_id = $1`, [
      c.id,
    ]);
    const candidate: RetentionCandidate = {
      incidentId: c.id,
      reference: c.reference,
      closedAt: new Date(c.closed_at).toISOString(),
      fields: fields.map(camel),
      notifications: notifications.length,
      decisions: decisions.length,
      escalations: escalations[0].n,
      auditValues: 0,
      auditEvents: 0,
    };
    const erases = retentionErases(cols.map(camel), known);
    if (dryRun) {
      const would = await this.erasure.countErasable(tx, 'a.incident_id = $1', [c.id], () => erases);
      return { ...candidate, auditValues: would.values, auditEvents: would.events };
    }

    await execute(tx, `SELECT set_config('breachclock.erasure', 'on', true)`);
    // Title and description must hold something: the placeholder. Every other field: nothing.
    const sets = cols.map((k) => `${k} = ${REQUIRED.has(k) ? '$2' : 'NULL'}`);
    await execute(tx, `UPDATE incident SET ${sets.join(', ')} WHERE id = $1`, [c.id, REMOVED]);
    for (const n of notifications) await execute(tx, `UPDATE notification SET body = $2 WHERE id = $1`, [n.id, redact(n.body, known)]);
    for (const d of decisions) {
      await execute(tx, `UPDATE decision SET authority_reason = $2, subjects_reason = $3, subjects_exemption = $4 WHERE id = $1`, [
        d.id,
        d.authority_reason && redact(d.authority_reason, known),
        d.subjects_reason && redact(d.subjects_reason, known),
        d.subjects_exemption && redact(d.subjects_exemption, known),
      ]);
    }
    const { rows: assessments } = await execute<{ id: string; incident_facts: unknown }>(
      tx,
      `SELECT id, incident_facts FROM assessment WHERE incident_id = $1 AND incident_facts IS NOT NULL`,
      [c.id],
    );
    for (const a of assessments) {
      await execute(tx, `UPDATE assessment SET incident_facts = $2::jsonb WHERE id = $1`, [
        a.id,
        JSON.stringify(redactJson(a.incident_facts, known)),
      ]);
    }
    await execute(tx, `UPDATE escalation SET recipient_email = $2, recipient_name = NULL WHERE incident_id = $1`, [
      c.id,
      'removed@invalid',
    ]);
    const erased = await this.erasure.erase(tx, 'a.incident_id = $1', [c.id], () => erases);
    candidate.auditValues = erased.values;
    candidate.auditEvents = erased.events;
    await this.audit.record(
      tx,
      { ...actor, organizationId: String(incident.controller_id) },
      {
        action: PSEUDONYMISED_ACTION,
        entityType: 'incident',
        entityId: c.id,
        incidentId: c.id,
        // Field names only: the event must not carry what it removed.
        changes: {
          ...Object.fromEntries(candidate.fields.map((f) => [f, { from: 'personal data', to: REMOVED }])),
          auditValuesErased: { from: null, to: erased.values },
          auditEventsErased: { from: null, to: erased.events },
        },
        reason: `retention: closed ${candidate.closedAt}, ${this.config.retentionClosedDays} days`,
      },
    );
    return candidate;
  }
}

const REQUIRED = new Set<string>(['title', 'nature_description']);
export const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
