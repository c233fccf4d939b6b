import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Lang } from '../i18n';

export const NOTIFICATION_KINDS = [
  'authority_initial',
  'authority_followup',
  'data_subjects',
  'public_communication',
  'processor_to_controller',
  // A report to a recipient without a template of its own (NIS2, DORA, ePrivacy), filed for an obligation.
  'filing',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

// Something sent about an incident, as it was sent. A trigger refuses UPDATE and DELETE.
@Entity({ name: 'notification' })
@Index('ix_notification__incident', ['incidentId', 'sentAt'])
@Index('ux_notification__initial_per_authority', ['incidentId', 'authorityId'], { unique: true, where: `kind = 'authority_initial'` })
@Check(
  'ck_notification__kind',
  `kind IN ('authority_initial', 'authority_followup', 'data_subjects', 'public_communication', 'processor_to_controller', 'filing')`,
)
@Check('ck_notification__language', `language IN ('de', 'en')`)
@Check('ck_notification__authority', `kind NOT IN ('authority_initial', 'authority_followup') OR authority_id IS NOT NULL`)
@Check('ck_notification__late_reasons', `NOT late OR kind <> 'authority_initial' OR reasons_for_delay IS NOT NULL`)
export class Notification {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_notification' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_notification__incident' })
  incident?: unknown;

  @Column({ type: 'text' })
  kind: NotificationKind;

  // An id from the authorities directory.
  @Column({ name: 'authority_id', type: 'text', nullable: true })
  authorityId: string | null;

  // A follow-up points at the initial notification it supplements (Art. 33(4)).
  @Column({ name: 'initial_id', type: 'uuid', nullable: true })
  initialId: string | null;

  @ManyToOne(() => Notification)
  @JoinColumn({ name: 'initial_id', foreignKeyConstraintName: 'fk_notification__initial' })
  initial?: Notification;

  // The obligation it was filed for (obligations/), when the filing named or matched one.
  @Column({ name: 'obligation_id', type: 'uuid', nullable: true })
  obligationId: string | null;

  @ManyToOne('Obligation')
  @JoinColumn({ name: 'obligation_id', foreignKeyConstraintName: 'fk_notification__obligation' })
  obligation?: unknown;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { nullable: false, createForeignKeyConstraints: false })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_notification__recorded_by' })
  recordedBy?: User;

  @Column({ type: 'text', nullable: true })
  channel: string | null;

  // The authority's case reference (Aktenzeichen), once known.
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'reasons_for_delay', type: 'text', nullable: true })
  reasonsForDelay: string | null;

  // Sent after the clock's due instant.
  @Column({ type: 'boolean' })
  late: boolean;

  @Column({ type: 'text' })
  language: Lang;

  @Column({ name: 'template_id', type: 'text' })
  templateId: string;

  @Column({ name: 'template_version', type: 'text' })
  templateVersion: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'body_sha256', type: 'text' })
  bodySha256: string;
}
