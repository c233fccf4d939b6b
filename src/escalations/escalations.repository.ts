import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute } from '../platform/database/execute';
import type { DeadlineKind } from '../deadlines/domain/deadline-rules';
import { Escalation, EscalationStatus } from './escalation.entity';

type Verdict = 'claimed' | 'skipped' | 'changed';

export interface Claim {
  claimed: Escalation[];
  skipped: number; // superseded by a later milestone of the same clock and person
  considered: number; // rows locked (= limit, or some changed meanwhile: claim again at once)
  changed: number; // written by another transaction while the claim ran: left for the next claim
}

// The claim, one statement (docs/escalations.md, "Claiming"):
// - locked: due rows no other instance holds, oldest first, locked (FOR UPDATE SKIP LOCKED);
// - verdicts: for each locked row, from the statement's snapshot: superseded when a later milestone
//   of the same clock and person is sent, or due and not yet sent (pending or failed) → skipped;
//   otherwise claimed. "Later" is the milestone (minutes_before), not due_at: a sent row keeps the
//   due_at it was sent for when its clock moves afterwards, and nobody gets an earlier milestone after
//   a later one. A row whose locked version is not the snapshot's (xmin differs: a re-plan committed
//   between the snapshot and the lock) is 'changed' and left alone: the snapshot is stale for its
//   clock, so the next claim decides on it;
// - the update: skipped rows are marked, claimed rows get this instance's lease.
export const CLAIM = `
  WITH locked AS MATERIALIZED (
    SELECT id, xmin AS version, incident_id, deadline_kind, recipient_email, minutes_before
    FROM escalation
    WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
    ORDER BY next_attempt_at LIMIT $2
    FOR UPDATE SKIP LOCKED
  ), verdicts AS MATERIALIZED (
    SELECT k.id,
           CASE WHEN snapshot.xmin IS DISTINCT FROM k.version THEN 'changed'
                WHEN EXISTS (SELECT 1 FROM escalation l
                             WHERE l.incident_id = k.incident_id AND l.deadline_kind = k.deadline_kind
                               AND l.recipient_email = k.recipient_email AND l.minutes_before < k.minutes_before
                               AND (l.status = 'sent' OR (l.status IN ('pending', 'failed') AND l.due_at <= $1)))
                THEN 'skipped' ELSE 'claimed' END AS verdict
    FROM locked k LEFT JOIN escalation snapshot ON snapshot.id = k.id
  ), decided AS (
    UPDATE escalation e
    SET status = CASE WHEN v.verdict = 'skipped' THEN 'skipped' ELSE e.status END,
        claimed_until = CASE WHEN v.verdict = 'claimed' THEN $3::timestamptz END,
        claimed_by = CASE WHEN v.verdict = 'claimed' THEN $4 ELSE e.claimed_by END,
        attempts = e.attempts + CASE WHEN v.verdict = 'claimed' THEN 1 ELSE 0 END
    FROM verdicts v WHERE e.id = v.id AND v.verdict <> 'changed'
    RETURNING e.id
  )
  SELECT v.id, v.verdict FROM verdicts v`;

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

// The escalation outbox. A claim locks due rows with FOR UPDATE SKIP LOCKED and commits a lease on
// those that may go out, so any number of instances can dispatch side by side.
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

  // Pending rows of a clock that are no longer planned (recipient or milestone gone), or of a clock
  // that ended. A row being sent keeps its lease: if the mail goes out, finish() records it as sent.
  async cancelPending(tx: EntityManager, incidentId: string, kind: DeadlineKind, keepIds: string[] = [], onlyRole?: string): Promise<number> {
    const { affected } = await execute(tx,
      `UPDATE escalation SET status = 'cancelled'
       WHERE incident_id = $1 AND deadline_kind = $2 AND status = 'pending' AND id <> ALL($3::uuid[]) AND ($4::text IS NULL OR recipient_role = $4)`,
      [incidentId, kind, keepIds, onlyRole ?? null],
    );
    return affected;
  }

  // Claims due rows for this instance and marks the superseded ones skipped, in one statement (CLAIM
  // above). Why the snapshot it decides from is the truth at the moment of claiming: a change that
  // can make a locked row superseded writes that row itself (a re-plan, a reopened clock) or adds
  // the rows of a new clock (a filing, none of whose rows is locked here). Committed before the
  // snapshot, it is seen; committed between the snapshot and the lock, the row's version differs
  // and the row is left for the next claim; committed later, it waited for this claim's lock.
  async claim(tx: EntityManager, now: Date, leaseUntil: Date, instance: string, limit: number): Promise<Claim> {
    const { rows } = await execute<{ id: string; verdict: Verdict }>(tx, CLAIM, [now.toISOString(), limit, leaseUntil.toISOString(), instance]);
    const ids = rows.filter((r) => r.verdict === 'claimed').map((r) => r.id);
    const claimed = ids.length === 0 ? [] : await tx.createQueryBuilder(Escalation, 'e').where('e.id IN (:...ids)', { ids }).orderBy('e.next_attempt_at', 'ASC').getMany();
    const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
    return { claimed, skipped: count('skipped'), changed: count('changed'), considered: rows.length };
  }

  // Records what became of a claimed row. A mail that went out is recorded as sent even if its clock
  // ended (cancelled) or a later milestone came due (skipped) while it was on its way: the row must
  // say what the person got, and a sent row is never sent again (not even when its clock reopens).
  async finish(m: EntityManager, id: string, instance: string, set: { status: EscalationStatus; sentAt?: Date; nextAttemptAt?: Date; lastError?: string | null }): Promise<boolean> {
    const { affected } = await execute(m,
      `UPDATE escalation SET status = $3, sent_at = COALESCE($4, sent_at), next_attempt_at = COALESCE($5, next_attempt_at),
                             last_error = $6, claimed_until = NULL
       WHERE id = $1 AND claimed_by = $2 AND (status = 'pending' OR ($3 = 'sent' AND status IN ('cancelled', 'skipped')))`,
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
