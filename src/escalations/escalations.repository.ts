import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute } from '../platform/database/execute';
import type { DeadlineKind } from '../deadlines/domain/deadline-rules';
import { Escalation, EscalationStatus } from './escalation.entity';

export interface PlannedEscalation {
  id: string;
  incidentId: string;
  deadlineKind: DeadlineKind;
  minutesBefore: number;
  milestone: string;
  recipientEmail: string;
  recipientName: string | null;
  recipientRole: string;
  recipientLocale: string;
  recipientTimeZone: string;
  dueAt: Date;
  messageId: string;
  createdAt: Date;
}

// The escalation outbox. Claiming is one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)
// statement that commits a lease at once, so any number of instances can dispatch side by side.
@Injectable()
export class EscalationsRepository {
  // New rows start pending; rows already sent, failed or skipped keep their state (sent is never re-sent).
  async upsertPlanned(tx: EntityManager, rows: PlannedEscalation[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof PlannedEscalation>(k: K) => rows.map((r) => r[k]);
    const { rows: result } = await execute<{ id: string }>(tx,
      `INSERT INTO escalation (id, incident_id, deadline_kind, minutes_before, milestone, recipient_email, recipient_name, recipient_role,
                               recipient_locale, recipient_time_zone, due_at, status, attempts, next_attempt_at, message_id, created_at)
       SELECT u.id, u.incident_id, u.kind, u.minutes, u.milestone, u.email, u.name, u.role, u.locale, u.zone, u.due, 'pending', 0, u.due, u.message_id, u.created
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::timestamptz[])
         AS u(id, incident_id, kind, minutes, milestone, email, name, role, locale, zone, due, message_id, created)
       ON CONFLICT (incident_id, deadline_kind, minutes_before, recipient_email) DO UPDATE
         SET due_at = EXCLUDED.due_at,
             next_attempt_at = CASE WHEN escalation.attempts = 0 THEN EXCLUDED.next_attempt_at ELSE escalation.next_attempt_at END,
             status = 'pending',
             recipient_name = EXCLUDED.recipient_name,
             recipient_role = EXCLUDED.recipient_role,
             recipient_locale = EXCLUDED.recipient_locale,
             recipient_time_zone = EXCLUDED.recipient_time_zone
         WHERE escalation.status IN ('pending', 'cancelled')
       RETURNING id`,
      [
        col('id'), col('incidentId'), col('deadlineKind'), col('minutesBefore'), col('milestone'), col('recipientEmail'), col('recipientName'),
        col('recipientRole'), col('recipientLocale'), col('recipientTimeZone'), col('dueAt').map((d) => d.toISOString()), col('messageId'),
        col('createdAt').map((d) => d.toISOString()),
      ],
    );
    return result.map((r) => r.id);
  }

  // Pending rows of a clock that are no longer planned (recipient or milestone gone), or of a clock that ended.
  async cancelPending(tx: EntityManager, incidentId: string, kind: DeadlineKind, keepIds: string[] = [], onlyRole?: string): Promise<number> {
    const { affected } = await execute(tx,
      `UPDATE escalation SET status = 'cancelled', claimed_until = NULL
       WHERE incident_id = $1 AND deadline_kind = $2 AND status = 'pending' AND id <> ALL($3::uuid[]) AND ($4::text IS NULL OR recipient_role = $4)`,
      [incidentId, kind, keepIds, onlyRole ?? null],
    );
    return affected;
  }

  // Of several due milestones of one clock for one person (missed during downtime, or already past
  // when the clock started), only the latest goes out; the earlier ones are skipped.
  async skipSuperseded(m: EntityManager, now: Date): Promise<number> {
    const { affected } = await execute(m,
      `UPDATE escalation e SET status = 'skipped', claimed_until = NULL
       WHERE e.status = 'pending' AND e.next_attempt_at <= $1 AND (e.claimed_until IS NULL OR e.claimed_until < $1)
         AND EXISTS (SELECT 1 FROM escalation l
                     WHERE l.incident_id = e.incident_id AND l.deadline_kind = e.deadline_kind AND l.recipient_email = e.recipient_email
                       AND l.status IN ('pending', 'sent') AND l.due_at > e.due_at AND l.due_at <= $1)`,
      [now.toISOString()],
    );
    return affected;
  }

  async claim(m: EntityManager, now: Date, leaseUntil: Date, instance: string, limit: number): Promise<Escalation[]> {
    const { rows } = await execute<{ id: string }>(m,
      `UPDATE escalation SET claimed_until = $2, claimed_by = $3, attempts = attempts + 1
       WHERE id IN (SELECT id FROM escalation
                    WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
                    ORDER BY next_attempt_at LIMIT $4
                    FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [now.toISOString(), leaseUntil.toISOString(), instance, limit],
    );
    if (rows.length === 0) return [];
    return m.createQueryBuilder(Escalation, 'e').where('e.id IN (:...ids)', { ids: rows.map((r) => r.id) }).orderBy('e.next_attempt_at', 'ASC').getMany();
  }

  async finish(m: EntityManager, id: string, instance: string, set: { status: EscalationStatus; sentAt?: Date; nextAttemptAt?: Date; lastError?: string | null }): Promise<boolean> {
    const { affected } = await execute(m,
      `UPDATE escalation SET status = $3, sent_at = COALESCE($4, sent_at), next_attempt_at = COALESCE($5, next_attempt_at),
                             last_error = $6, claimed_until = NULL
       WHERE id = $1 AND claimed_by = $2 AND status = 'pending'`,
      [id, instance, set.status, set.sentAt?.toISOString() ?? null, set.nextAttemptAt?.toISOString() ?? null, set.lastError ?? null],
    );
    return affected === 1;
  }

  async nextDueAt(m: EntityManager): Promise<Date | null> {
    const [row] = await m.query(`SELECT min(next_attempt_at) AS at FROM escalation WHERE status = 'pending'`);
    return row?.at ? new Date(row.at) : null;
  }

  async countByStatus(m: EntityManager, status: EscalationStatus): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM escalation WHERE status = $1`, [status]);
    return row.n;
  }

  findById(m: EntityManager, id: string): Promise<Escalation | null> {
    return m.findOne(Escalation, { where: { id } });
  }

  ofClockAndRecipient(m: EntityManager, incidentId: string, kind: DeadlineKind, email: string): Promise<Escalation[]> {
    return m.find(Escalation, { where: { incidentId, deadlineKind: kind, recipientEmail: email } });
  }

  async markAcknowledged(m: EntityManager, incidentId: string, kind: DeadlineKind, email: string, at: Date): Promise<void> {
    await m.query(`UPDATE escalation SET acknowledged_at = $4 WHERE incident_id = $1 AND deadline_kind = $2 AND recipient_email = $3`, [incidentId, kind, email, at.toISOString()]);
  }

  // Tenancy for the API: authority-clock mails belong to the controller, processor-clock mails to the processor.
  listForOrganization(m: EntityManager, organizationId: string, status: EscalationStatus | null, limit: number) {
    const qb = m
      .createQueryBuilder(Escalation, 'e')
      .innerJoin('incident', 'i', 'i.id = e.incident_id')
      .addSelect(['i.reference'])
      .where(`((e.deadline_kind = 'authority' AND i.controller_id = :org) OR (e.deadline_kind = 'processor_to_controller' AND i.processor_id = :org))`, { org: organizationId })
      .orderBy('e.due_at', 'DESC')
      .limit(limit);
    if (status) qb.andWhere('e.status = :status', { status });
    return qb.getRawAndEntities();
  }

  findForOrganization(m: EntityManager, organizationId: string, id: string): Promise<Escalation | null> {
    return m
      .createQueryBuilder(Escalation, 'e')
      .innerJoin('incident', 'i', 'i.id = e.incident_id')
      .where('e.id = :id', { id })
      .andWhere(`((e.deadline_kind = 'authority' AND i.controller_id = :org) OR (e.deadline_kind = 'processor_to_controller' AND i.processor_id = :org))`, { org: organizationId })
      .setLock('pessimistic_write', undefined, ['e'])
      .getOne();
  }

  async requeue(m: EntityManager, id: string, now: Date): Promise<void> {
    await m.query(`UPDATE escalation SET status = 'pending', attempts = 0, next_attempt_at = $2, last_error = NULL, claimed_until = NULL WHERE id = $1 AND status = 'failed'`, [id, now.toISOString()]);
  }
}
