import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../identity/user.entity';

// The DPO's classification of an incident under DORA (Art. 18: major or not), as it stands;
// earlier answers are in the audit trail.
@Entity({ name: 'dora_classification' })
export class DoraClassification {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'pk_dora_classification' })
  incidentId: string;

  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_dora_classification__incident' })
  incident?: unknown;

  @Column({ type: 'boolean' })
  major: boolean;

  // When the financial entity became aware of the incident (the 24-hour cap runs from it).
  @Column({ name: 'aware_at', type: 'timestamptz' })
  awareAt: Date;

  // When it was classified as major (the 4 hours run from it).
  @Column({ name: 'classified_at', type: 'timestamptz' })
  classifiedAt: Date;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { nullable: false, createForeignKeyConstraints: false })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_dora_classification__recorded_by' })
  recordedBy?: User;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
