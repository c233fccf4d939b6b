import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute } from '../platform/database/execute';
import type { Duty, Recipient, Regime, Words } from './domain';

// One open duty as GET /deadlines reads it: the obligation and the incident's reference, title, status.
export interface OpenDutyRow {
  id: string;
  incidentId: string;
  regime: Regime;
  duty: Duty;
  dutyTitle: Words;
  recipient: Recipient;
  legalBasis: string;
  dueRule: Words;
  startsAt: Date;
  dueAt: Date | null;
  reference: string;
  title: string;
  status: string;
}

// Whose duties: the controller's (every duty but the processor's report, of the incidents it sees)
// and the processor's (its reports to the controller).
export type DutySide = 'controller' | 'processor';

export interface OpenDutiesQuery {
  sides: DutySide[];
  now: Date;
  // Duties with a deadline: due at or before dueBefore (null: any), not before dueFrom (null: any).
  dueBefore: Date | null;
  dueFrom: Date | null;
  // Also the duties without a fixed deadline (after the others).
  undated: boolean;
  limit: number;
}

// Each side's rows come from its partial index (migrations/1795810000000-Obligations.ts):
// ix_obligation__open_controller_due and ix_obligation__open_processor_due.
const SIDE_WHERE: Record<DutySide, string> = {
  controller: `o.controller_id = $1 AND o.phase = 'live' AND o.regime <> 'contract' AND (i.status <> 'draft' OR i.reporter_org_id = $1)`,
  processor: `o.processor_id = $1 AND o.phase = 'live' AND o.regime = 'contract' AND i.reporter_org_id = $1`,
};
// The instants come as epoch milliseconds: a number costs the driver far less to read than a
// timestamptz text, and this statement returns a hundred rows per call (docs/benchmarks.md).
const DUTY_COLUMNS = `o.id, o.incident_id, o.regime, o.duty, o.title AS duty_title, o.recipient, o.legal_basis, o.due_rule,
         floor(extract(epoch FROM o.starts_at) * 1000)::float8 AS starts_at,
         floor(extract(epoch FROM o.due_at) * 1000)::float8 AS due_at, i.reference, i.title, i.status`;

@Injectable()
export class OpenDutiesRepository {
  // The started, open duties one organization must act on: those with a deadline soonest first, then
  // (when asked) those without one, the longest open first. Plain SQL, one statement: this is the
  // hottest read of the app (the triage board polls it).
  async openDutiesOf(m: EntityManager, organizationId: string, q: OpenDutiesQuery): Promise<OpenDutyRow[]> {
    if (q.sides.length === 0) return [];
    const parts = q.sides.map(
      (side) => `(SELECT ${DUTY_COLUMNS} FROM obligation o INNER JOIN incident i ON i.id = o.incident_id
       WHERE ${SIDE_WHERE[side]} AND o.due_at IS NOT NULL AND o.starts_at <= $2
         AND ($3::timestamptz IS NULL OR o.due_at <= $3) AND ($4::timestamptz IS NULL OR o.due_at >= $4)
       ORDER BY o.due_at ASC, o.id ASC LIMIT $5)`,
    );
    if (q.undated)
      parts.push(
        ...q.sides.map(
          (side) => `(SELECT ${DUTY_COLUMNS} FROM obligation o INNER JOIN incident i ON i.id = o.incident_id
       WHERE ${SIDE_WHERE[side]} AND o.due_at IS NULL AND o.starts_at <= $2
       ORDER BY o.starts_at ASC, o.id ASC LIMIT $5)`,
        ),
      );
    const { rows } = await execute<{
      id: string;
      incident_id: string;
      regime: Regime;
      duty: Duty;
      duty_title: Words;
      recipient: Recipient;
      legal_basis: string;
      due_rule: Words;
      starts_at: number;
      due_at: number | null;
      reference: string;
      title: string;
      status: string;
    }>(m, parts.join('\n       UNION ALL\n       '), [
      organizationId,
      q.now.toISOString(),
      q.dueBefore?.toISOString() ?? null,
      q.dueFrom?.toISOString() ?? null,
      q.limit,
    ]);
    return rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      regime: r.regime,
      duty: r.duty,
      dutyTitle: r.duty_title,
      recipient: r.recipient,
      legalBasis: r.legal_basis,
      dueRule: r.due_rule,
      startsAt: new Date(r.starts_at),
      dueAt: r.due_at === null ? null : new Date(r.due_at),
      reference: r.reference,
      title: r.title,
      status: r.status,
    }));
  }
}
