import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../identity/organization.entity';
import type { Duty, Recipient, Regime, Words } from './domain/model';

export const OBLIGATION_PHASES = ['live', 'fulfilled', 'waived'] as const;
export type ObligationPhase = (typeof OBLIGATION_PHASES)[number];

// One duty of one incident towards one recipient (domain/model.ts). A live row carries the
// derived starts_at/due_at; a fulfilled one only the values frozen at fulfilment (frozen_*), which
// nothing changes afterwards; a waived one its reason. At most one live row per incident and key.
@Entity({ name: 'obligation' })
@Index('ux_obligation__incident_key_live', ['incidentId', 'key'], { unique: true, where: `phase = 'live'` })
@Index('ix_obligation__incident', ['incidentId'])
@Index('ix_obligation__open_controller_due', ['controllerId', 'dueAt'], { where: `phase = 'live' AND regime <> 'contract'` })
@Index('ix_obligation__open_processor_due', ['processorId', 'dueAt'], { where: `phase = 'live' AND regime = 'contract'` })
@Check('ck_obligation__regime', `regime IN ('contract', 'gdpr', 'uk_gdpr', 'ch_fadp', 'nis2', 'dora', 'eprivacy')`)
@Check('ck_obligation__phase', `phase IN ('live', 'fulfilled', 'waived')`)
@Check('ck_obligation__outcome', `outcome IS NULL OR outcome IN ('met', 'late')`)
@Check('ck_obligation__waived_by', `waived_by IS NULL OR waived_by IN ('rules', 'user')`)
@Check(
  'ck_obligation__fulfilled',
  `phase <> 'fulfilled' OR (fulfilled_at IS NOT NULL AND outcome IS NOT NULL AND starts_at IS NULL AND due_at IS NULL)`,
)
@Check('ck_obligation__waived', `phase <> 'waived' OR (waived_at IS NOT NULL AND waive_reason IS NOT NULL AND waived_by IS NOT NULL)`)
export class Obligation {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_obligation' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  // Named by string, so obligations/ does not import incidents/ (incidents depend on obligations).
  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_obligation__incident' })
  incident?: unknown;

  // The incident's parties, for tenancy: the controller sees its duties, the processor its report.
  @Column({ name: 'controller_id', type: 'uuid' })
  controllerId: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_obligation__controller' })
  controller?: Organization;

  @Column({ name: 'processor_id', type: 'uuid', nullable: true })
  processorId: string | null;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'processor_id', foreignKeyConstraintName: 'fk_obligation__processor' })
  processor?: Organization;

  // regime/duty/recipient id, stable across re-derivations.
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  regime: Regime;

  @Column({ type: 'text' })
  duty: Duty;

  @Column({ type: 'jsonb' })
  recipient: Recipient;

  @Column({ type: 'jsonb' })
  title: Words;

  @Column({ name: 'due_rule', type: 'jsonb' })
  dueRule: Words;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;

  @Column({ name: 'late_needs_reasons', type: 'boolean' })
  lateNeedsReasons: boolean;

  @Column({ type: 'text', nullable: true })
  routing: string | null;

  @Column({ type: 'text', nullable: true })
  provisional: string | null;

  @Column({ type: 'text', nullable: true })
  unresolved: string | null;

  // Live and waived rows only.
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'text' })
  phase: ObligationPhase;

  @Column({ name: 'fulfilled_at', type: 'timestamptz', nullable: true })
  fulfilledAt: Date | null;

  // The notification that fulfilled it (null: fulfilled by the processor's report itself).
  @Column({ name: 'fulfilled_by', type: 'uuid', nullable: true })
  fulfilledBy: string | null;

  @ManyToOne('Notification')
  @JoinColumn({ name: 'fulfilled_by', foreignKeyConstraintName: 'fk_obligation__fulfilled_by' })
  fulfilledByNotification?: unknown;

  @Column({ type: 'text', nullable: true })
  outcome: 'met' | 'late' | null;

  @Column({ name: 'reasons_for_delay', type: 'text', nullable: true })
  reasonsForDelay: string | null;

  // starts_at and due_at as they were at fulfilment; never changed afterwards.
  @Column({ name: 'frozen_starts_at', type: 'timestamptz', nullable: true })
  frozenStartsAt: Date | null;

  @Column({ name: 'frozen_due_at', type: 'timestamptz', nullable: true })
  frozenDueAt: Date | null;

  @Column({ name: 'waived_at', type: 'timestamptz', nullable: true })
  waivedAt: Date | null;

  @Column({ name: 'waive_reason', type: 'text', nullable: true })
  waiveReason: string | null;

  // 'rules': the facts no longer give the duty; 'user': waived by hand (the audit trail says who).
  @Column({ name: 'waived_by', type: 'text', nullable: true })
  waivedBy: 'rules' | 'user' | null;

  // "I have this" from an escalation mail of this duty: the first person owns it (escalations/).
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy?: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt?: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
