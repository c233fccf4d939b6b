import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../identity/user.entity';
import { Assessment } from './assessment.entity';
import type { SubjectsExemption } from './domain/enisa-severity';

export interface PublicCommunication {
  channel: string;
  publishedAt: string;
  text: string;
}

// The DPO's decision on notifying the authority and the people, with reasons. A later decision
// supersedes (higher sequence); none is ever edited.
@Entity({ name: 'decision' })
@Unique('ux_decision__incident_sequence', ['incidentId', 'sequence'])
@Check(
  'ck_decision__subjects_exemption',
  `subjects_exemption IS NULL OR subjects_exemption IN ('34(3)(a)', '34(3)(b)', '34(3)(c)', 'de_bdsg_29_1')`,
)
export class Decision {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_decision' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_decision__incident' })
  incident?: unknown;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => Assessment, { nullable: false })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'fk_decision__assessment' })
  assessment?: Assessment;

  @Column({ name: 'notify_authority', type: 'boolean' })
  notifyAuthority: boolean;

  @Column({ name: 'authority_reason', type: 'text', nullable: true })
  authorityReason: string | null;

  @Column({ name: 'notify_subjects', type: 'boolean' })
  notifySubjects: boolean;

  @Column({ name: 'subjects_exemption', type: 'text', nullable: true })
  subjectsExemption: SubjectsExemption | null;

  @Column({ name: 'subjects_reason', type: 'text', nullable: true })
  subjectsReason: string | null;

  // Art. 34(3)(c): where, when and what was published instead of telling each person.
  @Column({ name: 'public_communication', type: 'jsonb', nullable: true })
  publicCommunication: PublicCommunication | null;

  @Column({ name: 'follows_recommendation', type: 'boolean' })
  followsRecommendation: boolean;

  @Column({ name: 'decided_by_id', type: 'uuid' })
  decidedById: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_decision__decided_by' })
  decidedBy?: User;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
