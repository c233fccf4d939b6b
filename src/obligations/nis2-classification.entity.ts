import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../identity/user.entity';

// The DPO's classification of an incident under NIS2 (Art. 23(3): significant or not), as it
// stands; earlier answers are in the audit trail.
@Entity({ name: 'nis2_classification' })
export class Nis2Classification {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'pk_nis2_classification' })
  incidentId: string;

  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_nis2_classification__incident' })
  incident?: unknown;

  @Column({ type: 'boolean' })
  significant: boolean;

  // When the entity became aware of the significant incident: the NIS2 clocks run from it.
  @Column({ name: 'aware_at', type: 'timestamptz' })
  awareAt: Date;

  // Why it is (no longer) significant; required when a classification is withdrawn.
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { nullable: false, createForeignKeyConstraints: false })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_nis2_classification__recorded_by' })
  recordedBy?: User;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
