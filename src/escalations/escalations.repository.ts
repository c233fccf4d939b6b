import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute } from '../platform/database/execute';
import { Outbox } from '../platform/outbox/outbox';
import { Obligation } from '../obligations/obligation.entity';
import { Escalation, EscalationSide, EscalationStatus } from './escalation.entity';

export interface Claim {
  claimed: Escalation[];
  skipped: number; // superseded by a later milestone of the same clock and person
  considered: number; // rows locked and decided on (= limit: more may be due)
}

// The escalation outbox (platform/outbox): rows are claimed with a lease, sent, then finished.
const outbox = new Outbox('escalation');

// The claim, one statement (docs/escalations.md, "Claiming"): it locks due rows no other instance
// holds (oldest first, FOR UPDATE SKIP LOCKED) and decides on each from the locked row alone: past
// its superseded_at (the person's next milestone of the clock is due) → skipped; otherwise claimed
// with this instance's lease. A row changed by a transaction that committed after the statement
// began is locked in its newest version, and PostgreSQL re-checks the conditions and re-reads
// superseded_at on that version, so the decision is on what is committed at the moment of claiming.
export const CLAIM = outbox.claimStatement({ when: 'superseded_at <= $1', status: 'skipped' });

export interface PlannedEscalation {
  id: string;
  incidentId: string;
  obligationId: string;
  deadlineKind: EscalationSide;
  minutesBefore: number | null; // a milestone before the deadline
  reminderNo: number | null; // or the n-th reminder of a duty without one
  milestone: string;
  recipientEmail: string;
  recipientName: string | null;
  recipientRole: string;
  recipientLocale: string;
  recipientTimeZone: string;
  dueAt: Date;
  supersededAt: Date | null; // when the recipient's next milestone of the obligation falls due
  messageId: string;
  createdAt: Date;
}

// The escalation outbox. A claim locks due rows with FOR UPDATE SKIP LOCKED and commits a lease on
// those that may go out, so any number of instances can dispatch side by side.
@Injectable()
export class EscalationsRepository {
  // New rows start pending; rows already sent, failed or skipped keep their state (sent is never re-sent).
  // Pending and cancelled rows take the new plan: due_at and superseded_at move together.
  // Milestones are one per (obligation, minutes before, recipient), reminders one per (obligation,
  // number, recipient).
  async upsertPlanned(tx: EntityManager, rows: PlannedEscalation[]): Promise<string[]> {
    const milestones = rows.filter((r) => r.minutesBefore !== null);
    const reminders = rows.filter((r) => r.reminderNo !== null);
    return [...(await this.upsert(tx, milestones, 'milestone')), ...(await this.upsert(tx, reminders, 'reminder'))];
  }

  private async upsert(tx: EntityManager, rows: PlannedEscalation[], step: 'milestone' | 'reminder'): Promise<string[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof PlannedEscalation>(k: K) => rows.map((r) => r[k]);
    const { rows: result } = await execute<{ id: string }>(
      tx,
      `INSERT INTO escalation (id, incident_id, obligation_id, deadline_kind, minutes_before, reminder_no, milestone, recipient_email, recipient_name, recipient_role,
                               recipient_locale, recipient_time_zone, due_at, superseded_at, status, attempts, next_attempt_at, message_id, created_at)
       SELECT u.id, u.incident_id, u.obligation_id, u.kind, u.minutes, u.reminder, u.milestone, u.email, u.name, u.role, u.locale, u.zone, u.due, u.superseded, 'pending', 0, u.due, u.message_id, u.created
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::uuid[], $16::int[])
         AS u(id, incident_id, kind, minutes, milestone, email, name, role, locale, zone, due, message_id, created, superseded, obligation_id, reminder)
       ON CONFLICT ${step === 'milestone' ? '(obligation_id, minutes_before, recipient_email)' : '(obligation_id, reminder_no, recipient_email)'} DO UPDATE
         SET due_at = EXCLUDED.due_at,
             -- A later milestone already sent supersedes too, whatever the new plan says: nobody gets
             -- an earlier milestone after a later one (a sent row keeps the instant it was due at).
             superseded_at = LEAST(EXCLUDED.superseded_at,
               (SELECT min(l.due_at) FROM escalation l
                WHERE l.obligation_id = escalation.obligation_id
                  AND l.recipient_email = escalation.recipient_email AND l.minutes_before < escalation.minutes_before AND l.status = 'sent')),
             next_attempt_at = CASE WHEN escalation.attempts = 0 THEN EXCLUDED.next_attempt_at ELSE escalation.next_attempt_at END,
             status = 'pending',
             recipient_name = EXCLUDED.recipient_name,
             recipient_role = EXCLUDED.recipient_role,
             recipient_locale = EXCLUDED.recipient_locale,
             recipient_time_zone = EXCLUDED.recipient_time_zone
         WHERE escalation.status IN ('pending', 'cancelled')
       RETURNING id`,
      [
        col('id'),
        col('incidentId'),
        col('deadlineKind'),
        col('minutesBefore'),
        col('milestone'),
        col('recipientEmail'),
        col('recipientName'),
        col('recipientRole'),
        col('recipientLocale'),
        col('recipientTimeZone'),
        col('dueAt').map((d) => d.toISOString()),
        col('messageId'),
        col('createdAt').map((d) => d.toISOString()),
        col('supersededAt').map((d) => d?.toISOString() ?? null),
        col('obligationId'),
        col('reminderNo'),
      ],
      { prepare: true },
    );
    return result.map((r) => r.id);
  }

  // A reminder planned after the one before it was sent: written once (another instance that sent
  // the same reminder again after a crash finds it there).
  async insertReminder(tx: EntityManager, row: PlannedEscalation): Promise<void> {
    await execute(
      tx,
      `INSERT INTO escalation (id, incident_id, obligation_id, deadline_kind, minutes_before, reminder_no, milestone, recipient_email, recipient_name, recipient_role,
                               recipient_locale, recipient_time_zone, due_at, superseded_at, status, attempts, next_attempt_at, message_id, created_at)
       VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, $12, NULL, 'pending', 0, $12, $13, $14)
       ON CONFLICT (obligation_id, reminder_no, recipient_email) DO NOTHING`,
      [
        row.id,
        row.incidentId,
        row.obligationId,
        row.deadlineKind,
        row.reminderNo,
        row.milestone,
        row.recipientEmail,
        row.recipientName,
        row.recipientRole,
        row.recipientLocale,
        row.recipientTimeZone,
        row.dueAt.toISOString(),
        row.messageId,
        row.createdAt.toISOString(),
      ],
    );
  }

  // Pending rows of an obligation that are no longer planned (recipient or milestone gone), or of an
  // obligation that ended. A row being sent keeps its lease: if the mail goes out, finish() records it as sent.
  async cancelPending(tx: EntityManager, obligationId: string, keepIds: string[] = [], onlyRole?: string): Promise<number> {
    const { affected } = await execute(
      tx,
      `UPDATE escalation SET status = 'cancelled'
       WHERE obligation_id = $1 AND status = 'pending' AND id <> ALL($2::uuid[]) AND ($3::text IS NULL OR recipient_role = $3)`,
      [obligationId, keepIds, onlyRole ?? null],
    );
    return affected;
  }

  // The milestones sent for an earlier obligation of the same incident and key with the same
  // deadline (a duty the rules had waived, brought back by a later decision): they went out for this
  // very deadline and are not planned again.
  async sentBefore(tx: EntityManager, o: Obligation): Promise<{ minutesBefore: number; recipientEmail: string }[]> {
    if (!o.dueAt) return [];
    const { rows } = await execute<{ minutes_before: number; recipient_email: string }>(
      tx,
      `SELECT e.minutes_before, e.recipient_email FROM escalation e JOIN obligation p ON p.id = e.obligation_id
       WHERE p.incident_id = $1 AND p.key = $2 AND p.id <> $3 AND e.status = 'sent' AND e.minutes_before IS NOT NULL
         AND e.due_at = $4::timestamptz - e.minutes_before * interval '1 minute'`,
      [o.incidentId, o.key, o.id, o.dueAt.toISOString()],
    );
    return rows.map((r) => ({ minutesBefore: r.minutes_before, recipientEmail: r.recipient_email }));
  }

  // The reminders of an obligation so far, per recipient.
  remindersOf(tx: EntityManager, obligationId: string): Promise<Escalation[]> {
    return tx
      .createQueryBuilder(Escalation, 'e')
      .where('e.obligation_id = :obligationId AND e.reminder_no IS NOT NULL', { obligationId })
      .orderBy('e.reminder_no', 'ASC')
      .getMany();
  }

  // How often to remind of a duty without a deadline, in minutes: the contract's setting, else the
  // controller's (null: neither says; 0: off).
  async reminderEveryMinutes(m: EntityManager, incidentId: string): Promise<number | null> {
    const { rows } = await execute<{ every: number | null }>(
      m,
      `SELECT COALESCE(c.reminder_every_minutes, o.reminder_every_minutes) AS every
       FROM incident i JOIN organization o ON o.id = i.controller_id LEFT JOIN contract c ON c.id = i.contract_id
       WHERE i.id = $1`,
      [incidentId],
    );
    return rows[0]?.every ?? null;
  }

  // The obligations mails are about (read by id; the planner and dispatcher scope by incident).
  obligationsByIds(m: EntityManager, ids: string[]): Promise<Obligation[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return m.createQueryBuilder(Obligation, 'o').where('o.id IN (:...ids)', { ids }).getMany();
  }

  // One obligation, locked for the rest of the caller's transaction: acknowledgements of a duty are
  // decided one at a time (a re-plan of the duty locks its incident, then writes these rows).
  lockObligation(tx: EntityManager, id: string): Promise<Obligation | null> {
    return tx.createQueryBuilder(Obligation, 'o').where('o.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  // "I have this" is stored on the obligation (acknowledged_by/at); only the first one counts.
  async acknowledgeObligation(tx: EntityManager, id: string, who: string, at: Date): Promise<void> {
    await execute(tx, `UPDATE obligation SET acknowledged_by = $2, acknowledged_at = $3 WHERE id = $1 AND acknowledged_by IS NULL`, [
      id,
      who,
      at.toISOString(),
    ]);
  }

  // Claims due rows for this instance and marks the superseded ones skipped, in one statement (CLAIM).
  async claim(tx: EntityManager, now: Date, leaseUntil: Date, instance: string, limit: number): Promise<Claim> {
    const { claimed: ids, superseded } = await outbox.claim(tx, CLAIM, { now, leaseUntil, instance, limit });
    const claimed =
      ids.length === 0
        ? []
        : await tx.createQueryBuilder(Escalation, 'e').where('e.id IN (:...ids)', { ids }).orderBy('e.next_attempt_at', 'ASC').getMany();
    return { claimed, skipped: superseded.length, considered: ids.length + superseded.length };
  }

  // Records what became of a claimed row. A mail that went out is recorded as sent even if its clock
  // ended (cancelled) or a later milestone came due (skipped) while it was on its way: the row must
  // say what the person got, and a sent row is never sent again (not even when its clock reopens).
  finish(
    m: EntityManager,
    id: string,
    instance: string,
    set: { status: EscalationStatus; sentAt?: Date; nextAttemptAt?: Date; lastError?: string | null },
  ): Promise<boolean> {
    return outbox.finish(m, id, instance, set, ['cancelled', 'skipped']);
  }

  nextDueAt(m: EntityManager): Promise<Date | null> {
    return outbox.nextDueAt(m);
  }

  countByStatus(m: EntityManager, status: EscalationStatus): Promise<number> {
    return outbox.countByStatus(m, status);
  }

  findById(m: EntityManager, id: string): Promise<Escalation | null> {
    return m.findOne(Escalation, { where: { id } });
  }

  ofObligationAndRecipient(m: EntityManager, obligationId: string, email: string): Promise<Escalation[]> {
    return m.find(Escalation, { where: { obligationId, recipientEmail: email } });
  }

  async markAcknowledged(m: EntityManager, obligationId: string, email: string, at: Date): Promise<void> {
    await m.query(`UPDATE escalation SET acknowledged_at = $3 WHERE obligation_id = $1 AND recipient_email = $2`, [
      obligationId,
      email,
      at.toISOString(),
    ]);
  }

  // Tenancy for the API: mails about the controller's duties belong to the controller, mails about
  // the processor's report to the processor.
  listForOrganization(m: EntityManager, organizationId: string, status: EscalationStatus | null, limit: number) {
    const qb = m
      .createQueryBuilder(Escalation, 'e')
      .innerJoin('incident', 'i', 'i.id = e.incident_id')
      .addSelect(['i.reference'])
      .where(
        `((e.deadline_kind = 'authority' AND i.controller_id = :org) OR (e.deadline_kind = 'processor_to_controller' AND i.processor_id = :org))`,
        { org: organizationId },
      )
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
      .andWhere(
        `((e.deadline_kind = 'authority' AND i.controller_id = :org) OR (e.deadline_kind = 'processor_to_controller' AND i.processor_id = :org))`,
        { org: organizationId },
      )
      .setLock('pessimistic_write', undefined, ['e'])
      .getOne();
  }

  async requeue(m: EntityManager, id: string, now: Date): Promise<void> {
    await m.query(
      `UPDATE escalation SET status = 'pending', attempts = 0, next_attempt_at = $2, last_error = NULL, claimed_until = NULL WHERE id = $1 AND status = 'failed'`,
      [id, now.toISOString()],
    );
  }
}
