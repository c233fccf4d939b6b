import { Injectable } from '@nestjs/common';
import { insertEntity } from '../platform/database/execute';
import { EntityManager, In } from 'typeorm';
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

  insert(m: EntityManager, deadline: Deadline): Promise<Deadline> {
    return insertEntity(m, Deadline, deadline);
  }

  upsert(m: EntityManager, deadline: Deadline): Promise<Deadline> {
    return m.save(Deadline, deadline);
  }

  // The open clocks one organization must act on, soonest first. Scoped by owner organization:
  // a clock belongs to the organization that has to notify before it runs out.
  async openOfOrganization(
    m: EntityManager,
    organizationId: string,
    kinds: DeadlineKind[],
    dueBefore: Date | null,
    limit: number,
  ): Promise<OpenDeadlineRow[]> {
    const qb = m
      .createQueryBuilder(Deadline, 'd')
      .innerJoin('incident', 'i', 'i.id = d.incident_id')
      .select([
        'd.id AS "id"',
        'd.incident_id AS "incidentId"',
        'd.kind AS "kind"',
        'd.due_at AS "dueAt"',
        'd.started_at AS "startedAt"',
        'i.reference AS "reference"',
        'i.title AS "title"',
        'i.status AS "status"',
      ])
      .where('d.owner_org_id = :organizationId', { organizationId })
      .andWhere('d.completed_at IS NULL AND d.stopped_at IS NULL')
      .andWhere('d.kind IN (:...kinds)', { kinds })
      .orderBy('d.due_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(limit);
    if (dueBefore) qb.andWhere('d.due_at <= :dueBefore', { dueBefore });
    const rows: OpenDeadlineRow[] = await qb.getRawMany();
    return rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt), startedAt: new Date(r.startedAt) }));
  }
}
