import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Organization } from '../identity/organization.entity';
import type { DeadlineKind } from './domain/deadline-rules';

// One running or finished clock of an incident. Its state (running, overdue, met, late, stopped)
// is derived from these instants and "now", never stored.
@Entity({ name: 'deadline' })
@Unique('ux_deadline__incident_kind', ['incidentId', 'kind'])
@Index('ix_deadline__open_owner_due', ['ownerOrgId', 'dueAt'], { where: `completed_at IS NULL AND stopped_at IS NULL` })
@Check('ck_deadline__kind', `kind IN ('processor_to_controller', 'authority')`)
export class Deadline {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_deadline' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  // Named by string, so deadlines/ does not import incidents/ (incidents depend on deadlines).
  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_deadline__incident' })
  incident?: unknown;

  @Column({ type: 'text' })
  kind: DeadlineKind;

  // The organization that has to act before due_at: the processor, or the controller.
  @Column({ name: 'owner_org_id', type: 'uuid' })
  ownerOrgId: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'owner_org_id', foreignKeyConstraintName: 'fk_deadline__owner_org' })
  ownerOrg?: Organization;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  // When the notification this clock asks for was made.
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  // When the DPO decided, with reasons, that no notification is needed.
  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt: Date | null;

  // Who said "I have this" from an escalation mail (e-mail address), and when.
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;
}
