import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Lang } from '../i18n';
import { OutboxRow } from '../platform/outbox/outbox-row';

export const ESCALATION_STATUSES = ['pending', 'sent', 'failed', 'skipped', 'cancelled'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export const RECIPIENT_ROLES = ['dpo', 'escalation_contact', 'deputy', 'reporter', 'incident_contact'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];
// Whose duty a mail is about: the controller's (towards an authority, a CSIRT, the people) or the
// processor's report to the controller. Kept under its old column name (deadline_kind).
export const ESCALATION_SIDES = ['authority', 'processor_to_controller'] as const;
export type EscalationSide = (typeof ESCALATION_SIDES)[number];

// One mail to one person about one obligation: a countdown milestone before its deadline, or a
// numbered reminder of a duty without one. An outbox row, written in the transaction that makes it
// due, sent by whichever instance claims it first.
@Entity({ name: 'escalation' })
@Unique('ux_escalation__obligation_milestone_recipient', ['obligationId', 'minutesBefore', 'recipientEmail'])
@Unique('ux_escalation__obligation_reminder_recipient', ['obligationId', 'reminderNo', 'recipientEmail'])
@Unique('ux_escalation__message_id', ['messageId'])
@Index('ix_escalation__due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('ix_escalation__incident', ['incidentId', 'deadlineKind'])
@Index('ix_escalation__failed', ['incidentId'], { where: `status = 'failed'` })
@Check('ck_escalation__status', `status IN ('pending', 'sent', 'failed', 'skipped', 'cancelled')`)
@Check('ck_escalation__kind', `deadline_kind IN ('processor_to_controller', 'authority')`)
@Check('ck_escalation__step', `(minutes_before IS NULL) <> (reminder_no IS NULL)`)
@Check('ck_escalation__role', `recipient_role IN ('dpo', 'escalation_contact', 'deputy', 'reporter', 'incident_contact')`)
export class Escalation extends OutboxRow<EscalationStatus> {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_escalation' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_escalation__incident' })
  incident?: unknown;

  @Column({ name: 'obligation_id', type: 'uuid' })
  obligationId: string;

  @ManyToOne('Obligation', { nullable: false })
  @JoinColumn({ name: 'obligation_id', foreignKeyConstraintName: 'fk_escalation__obligation' })
  obligation?: unknown;

  @Column({ name: 'deadline_kind', type: 'text' })
  deadlineKind: EscalationSide;

  // A milestone: minutes before the obligation's deadline (null for a reminder).
  @Column({ name: 'minutes_before', type: 'integer', nullable: true })
  minutesBefore: number | null;

  // A reminder of a duty without a deadline: 1, 2, … (null for a milestone).
  @Column({ name: 'reminder_no', type: 'integer', nullable: true })
  reminderNo: number | null;

  // "T-24h", or "R3" for the third reminder
  @Column({ type: 'text' })
  milestone: string;

  @Column({ name: 'recipient_email', type: 'text' })
  recipientEmail: string;

  @Column({ name: 'recipient_name', type: 'text', nullable: true })
  recipientName: string | null;

  @Column({ name: 'recipient_role', type: 'text' })
  recipientRole: RecipientRole;

  @Column({ name: 'recipient_locale', type: 'text' })
  recipientLocale: Lang;

  @Column({ name: 'recipient_time_zone', type: 'text' })
  recipientTimeZone: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  // When this milestone is out of date: the recipient's next milestone of the same clock falls due
  // (or was sent). Null for the last one. Written with due_at whenever the clock is planned.
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  // When this recipient said "I have this" through the link in one of the clock's mails.
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;
}
