import { Injectable } from '@nestjs/common';
import { insertEntity } from '../platform/database/execute';
import { EntityManager } from 'typeorm';
import { Notification, NotificationKind } from './notification.entity';

// Callers reach these rows only after IncidentsService has checked the incident is theirs.
@Injectable()
export class NotificationsRepository {
  ofIncident(m: EntityManager, incidentId: string, kinds?: NotificationKind[]): Promise<Notification[]> {
    const qb = m
      .createQueryBuilder(Notification, 'n')
      .leftJoinAndSelect('n.recordedBy', 'recordedBy')
      .where('n.incident_id = :incidentId', { incidentId })
      .orderBy('n.sent_at', 'ASC')
      .addOrderBy('n.id', 'ASC');
    if (kinds) qb.andWhere('n.kind IN (:...kinds)', { kinds });
    return qb.getMany();
  }

  ofIncidents(m: EntityManager, incidentIds: string[]): Promise<Notification[]> {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return m
      .createQueryBuilder(Notification, 'n')
      .leftJoinAndSelect('n.recordedBy', 'recordedBy')
      .where('n.incident_id IN (:...incidentIds)', { incidentIds })
      .orderBy('n.sent_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .getMany();
  }

  initialFor(m: EntityManager, incidentId: string, authorityId: string): Promise<Notification | null> {
    return m.findOne(Notification, { where: { incidentId, authorityId, kind: 'authority_initial' } });
  }

  insert(m: EntityManager, n: Notification): Promise<Notification> {
    return insertEntity(m, Notification, n);
  }
}
