import { Injectable } from '@nestjs/common';
import { insertEntity } from '../platform/database/execute';
import { EntityManager, In } from 'typeorm';
import { execute } from '../platform/database/execute';
import { Deadline } from './deadline.entity';
import { DeadlineKind } from './domain/deadline-rules';

export interface OpenDeadlineRow {
  id: string;
  incidentId: string;
  kind: DeadlineKind;
  dueAt: Date;
  startedAt: Date;
  reference: string;
  title: string;
  status: string;
}

@Injectable()
export class DeadlinesRepository {
  ofIncidents(m: EntityManager, incidentIds: string[]): Promise<Deadline[]> {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return m.find(Deadline, { where: { incidentId: In(incidentIds) } });
  }

  // One clock's row, locked until the caller's transaction ends.
  lockOne(tx: EntityManager, incidentId: string, kind: DeadlineKind): Promise<Deadline | null> {
    return tx.findOne(Deadline, { where: { incidentId, kind }, lock: { mode: 'pessimistic_write' } });
  }

  insert(m: EntityManager, deadline: Deadline): Promise<Deadline> {
    return insertEntity(m, Deadline, deadline);
  }

  upsert(m: EntityManager, deadline: Deadline): Promise<Deadline> {
    return m.save(Deadline, deadline);
  }

  // The open clocks one organization must act on, soonest first. Scoped by owner organization:
  // a clock belongs to the organization that has to notify before it runs out. Plain SQL: this is
  // the hottest read of the app (the triage board polls it).
  async openOfOrganization(
    m: EntityManager,
    organizationId: string,
    kinds: DeadlineKind[],
    dueBefore: Date | null,
    limit: number,
    dueFrom: Date | null = null,
  ): Promise<OpenDeadlineRow[]> {
    const { rows } = await execute<{
      id: string;
      incident_id: string;
      kind: DeadlineKind;
      due_at: string | Date;
      started_at: string | Date;
      reference: string;
      title: string;
      status: string;
    }>(
      m,
      `SELECT d.id, d.incident_id, d.kind, d.due_at, d.started_at, i.reference, i.title, i.status
       FROM deadline d INNER JOIN incident i ON i.id = d.incident_id
       WHERE d.owner_org_id = $1 AND d.completed_at IS NULL AND d.stopped_at IS NULL AND d.kind = ANY($2::text[])
         AND ($3::timestamptz IS NULL OR d.due_at <= $3)
         AND ($5::timestamptz IS NULL OR d.due_at >= $5)
       ORDER BY d.due_at ASC, d.id ASC
       LIMIT $4`,
      [organizationId, kinds, dueBefore?.toISOString() ?? null, limit, dueFrom?.toISOString() ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      kind: r.kind,
      dueAt: new Date(r.due_at),
      startedAt: new Date(r.started_at),
      reference: r.reference,
      title: r.title,
      status: r.status,
    }));
  }
}
