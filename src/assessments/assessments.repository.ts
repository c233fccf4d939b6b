import { Injectable } from '@nestjs/common';
import { insertEntity } from '../platform/database/execute';
import { EntityManager, In } from 'typeorm';
import { Assessment } from './assessment.entity';
import { Decision } from './decision.entity';

// Callers reach these rows only after IncidentsService has checked the incident is theirs.
@Injectable()
export class AssessmentsRepository {
  latestAssessment(m: EntityManager, incidentId: string): Promise<Assessment | null> {
    return m.findOne(Assessment, { where: { incidentId }, order: { version: 'DESC' } });
  }

  assessmentsOf(m: EntityManager, incidentId: string): Promise<Assessment[]> {
    return m.find(Assessment, { where: { incidentId }, order: { version: 'ASC' }, relations: { assessedBy: true } });
  }

  latestDecision(m: EntityManager, incidentId: string): Promise<Decision | null> {
    return m.findOne(Decision, { where: { incidentId }, order: { sequence: 'DESC' } });
  }

  decisionsOf(m: EntityManager, incidentIds: string[]): Promise<Decision[]> {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return m.find(Decision, {
      where: { incidentId: In(incidentIds) },
      order: { sequence: 'ASC' },
      relations: { decidedBy: true, assessment: true },
    });
  }

  latestAssessmentsOf(m: EntityManager, incidentIds: string[]): Promise<Assessment[]> {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return m
      .createQueryBuilder(Assessment, 'a')
      .distinctOn(['a.incident_id'])
      .where('a.incident_id IN (:...incidentIds)', { incidentIds })
      .orderBy('a.incident_id')
      .addOrderBy('a.version', 'DESC')
      .getMany();
  }

  insertAssessment(m: EntityManager, a: Assessment): Promise<Assessment> {
    return insertEntity(m, Assessment, a);
  }

  insertDecision(m: EntityManager, d: Decision): Promise<Decision> {
    return insertEntity(m, Decision, d);
  }
}
