import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../identity/user.entity';
import type { Band, Recommendation, SeverityInput } from './domain/enisa-severity';
import type { RiskFacts, RiskFlag } from './domain/risk-flags';

// One version of the controller's risk assessment of an incident. Never updated.
@Entity({ name: 'assessment' })
@Unique('ux_assessment__incident_version', ['incidentId', 'version'])
@Check('ck_assessment__band', `band IN ('low', 'medium', 'high', 'very_high')`)
@Check('ck_assessment__score', `score_quarters BETWEEN 1 AND 24`)
export class Assessment {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_assessment' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne('Incident', { nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_assessment__incident' })
  incident?: unknown;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  inputs: SeverityInput;

  // SE × 4, so every score is an exact integer (0.25 → 1, 6.0 → 24).
  @Column({ name: 'score_quarters', type: 'integer' })
  scoreQuarters: number;

  @Column({ type: 'text' })
  band: Band;

  @Column({ type: 'jsonb' })
  flags: { moreThan100Subjects: boolean; unintelligible: boolean };

  @Column({ type: 'jsonb' })
  recommendation: Recommendation;

  // The incident's facts the recommendation saw (null for assessments made before it read them),
  // and the flags they raised, as computed then.
  @Column({ name: 'incident_facts', type: 'jsonb', nullable: true })
  incidentFacts: RiskFacts | null;

  @Column({ name: 'risk_flags', type: 'jsonb' })
  riskFlags: RiskFlag[];

  @Column({ name: 'assessed_by_id', type: 'uuid' })
  assessedById: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'assessed_by_id', foreignKeyConstraintName: 'fk_assessment__assessed_by' })
  assessedBy?: User;

  @Column({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt: Date;
}
