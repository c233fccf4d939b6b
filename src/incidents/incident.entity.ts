import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, ValueTransformer } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import { Organization } from '../identity/organization.entity';
import { User } from '../identity/user.entity';
import type { AuthorityInformed, EncryptionLevel } from './domain/incident-facts';
import type { IncidentStatus } from './domain/incident-status';

const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

// One personal-data breach (Art. 4(12) GDPR). Unknown facts are null (not 0, not ""), so the
// report can list what is still missing (Art. 33(4)).
@Entity({ name: 'incident' })
@Unique('ux_incident__reference', ['reference'])
@Index('ix_incident__controller_created', ['controllerId', 'createdAt', 'id'], { where: `status <> 'draft'` })
@Index('ix_incident__reporter_org_created', ['reporterOrgId', 'createdAt', 'id'])
@Index('ux_incident__batch_contract', ['batchId', 'contractId'], { unique: true })
@Check(
  'ck_incident__status',
  `status IN ('draft', 'reported', 'triage', 'assessed', 'notified', 'not_notifiable', 'not_a_breach', 'closed')`,
)
@Check('ck_incident__not_a_breach_reason', `status <> 'not_a_breach' OR (not_a_breach_reason IS NOT NULL AND not_a_breach_at IS NOT NULL)`)
@Check('ck_incident__counts', `coalesce(approximate_subjects, 0) >= 0 AND coalesce(approximate_records, 0) >= 0`)
@Check('ck_incident__security_encryption', `security_encryption IN ('none', 'partial', 'full')`)
@Check('ck_incident__contained_not_ongoing', `NOT (ongoing AND contained_at IS NOT NULL)`)
@Check('ck_incident__draft_not_reported', `status <> 'draft' OR (reported_to_controller_at IS NULL AND controller_aware_at IS NULL)`)
export class Incident {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_incident' })
  id: string;

  // Human reference, e.g. BC-2026-000042.
  @Column({ type: 'text' })
  reference: string;

  @Column({ name: 'controller_id', type: 'uuid' })
  controllerId: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_incident__controller' })
  controller?: Organization;

  @Column({ name: 'processor_id', type: 'uuid', nullable: true })
  processorId: string | null;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'processor_id', foreignKeyConstraintName: 'fk_incident__processor' })
  processor?: Organization;

  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId: string | null;

  // The batch that filed it (incidents/batches), if any: one incident per batch and contract.
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId: string | null;

  @ManyToOne(() => Contract)
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_incident__contract' })
  contract?: Contract;

  // The organization of the person who filed it (the processor, or the controller itself).
  @Column({ name: 'reporter_org_id', type: 'uuid' })
  reporterOrgId: string;

  @ManyToOne(() => Organization, { nullable: false, createForeignKeyConstraints: false })
  @JoinColumn({ name: 'reporter_org_id', foreignKeyConstraintName: 'fk_incident__reporter_org' })
  reporterOrg?: Organization;

  @Column({ name: 'reported_by_id', type: 'uuid' })
  reportedById: string;

  @ManyToOne(() => User, { nullable: false, createForeignKeyConstraints: false })
  @JoinColumn({ name: 'reported_by_id', foreignKeyConstraintName: 'fk_incident__reported_by' })
  reportedBy?: User;

  @Column({ type: 'text' })
  status: IncidentStatus;

  // Optimistic concurrency: PATCH must send it in If-Match.
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'nature_description', type: 'text' })
  natureDescription: string;

  @Column({ name: 'nature_types', type: 'text', array: true, nullable: true })
  natureTypes: string[] | null;

  @Column({ name: 'nature_cause', type: 'text', nullable: true })
  natureCause: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ name: 'occurred_from', type: 'timestamptz', nullable: true })
  occurredFrom: Date | null;

  @Column({ name: 'occurred_until', type: 'timestamptz', nullable: true })
  occurredUntil: Date | null;

  // When the reporting side became aware.
  @Column({ name: 'discovered_at', type: 'timestamptz' })
  discoveredAt: Date;

  @Column({ name: 'reported_to_controller_at', type: 'timestamptz', nullable: true })
  reportedToControllerAt: Date | null;

  // Starts the Art. 33 clock; null while the report is a draft the controller cannot see.
  @Column({ name: 'controller_aware_at', type: 'timestamptz', nullable: true })
  controllerAwareAt: Date | null;

  @Column({ name: 'data_categories', type: 'text', array: true, nullable: true })
  dataCategories: string[] | null;

  // Art. 9 / Art. 10 data; [] means "none", null means "not known yet".
  @Column({ name: 'special_categories', type: 'text', array: true, nullable: true })
  specialCategories: string[] | null;

  @Column({ name: 'subject_categories', type: 'text', array: true, nullable: true })
  subjectCategories: string[] | null;

  @Column({ name: 'approximate_subjects', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  approximateSubjects: number | null;

  @Column({ name: 'approximate_subjects_is_estimate', type: 'boolean', nullable: true })
  approximateSubjectsIsEstimate: boolean | null;

  @Column({ name: 'approximate_records', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  approximateRecords: number | null;

  @Column({ name: 'approximate_records_is_estimate', type: 'boolean', nullable: true })
  approximateRecordsIsEstimate: boolean | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ name: 'likely_consequences', type: 'text', nullable: true })
  likelyConsequences: string | null;

  @Column({ name: 'measures_taken', type: 'text', nullable: true })
  measuresTaken: string | null;

  @Column({ name: 'measures_proposed', type: 'text', nullable: true })
  measuresProposed: string | null;

  // Name of the contract's sub-processor involved, if any.
  @Column({ name: 'sub_processor', type: 'text', nullable: true })
  subProcessor: string | null;

  @Column({ name: 'affected_countries', type: 'text', array: true })
  affectedCountries: string[];

  // The facts the authorities' forms ask beyond Art. 33(3); null = not known (docs/decisions.md).
  @Column({ name: 'reporter_name', type: 'text', nullable: true })
  reporterName: string | null;

  @Column({ name: 'reporter_role', type: 'text', nullable: true })
  reporterRole: string | null;

  @Column({ name: 'discovery_method', type: 'text', nullable: true })
  discoveryMethod: string | null;

  @Column({ type: 'boolean', nullable: true })
  ongoing: boolean | null;

  @Column({ name: 'contained_at', type: 'timestamptz', nullable: true })
  containedAt: Date | null;

  @Column({ name: 'security_encryption', type: 'text', nullable: true })
  securityEncryption: EncryptionLevel | null;

  @Column({ name: 'security_description', type: 'text', nullable: true })
  securityDescription: string | null;

  @Column({ name: 'consequences_materialised', type: 'text', nullable: true })
  consequencesMaterialised: string | null;

  @Column({ name: 'vulnerable_subjects', type: 'boolean', nullable: true })
  vulnerableSubjects: boolean | null;

  // [] = no other body told; null = not known.
  @Column({ name: 'other_authorities_informed', type: 'jsonb', nullable: true })
  otherAuthoritiesInformed: AuthorityInformed[] | null;

  // The DPO's finding that no personal data were affected (status not_a_breach), with its reasons;
  // kept when the incident is then closed, cleared when new facts send it back to triage.
  @Column({ name: 'not_a_breach_reason', type: 'text', nullable: true })
  notABreachReason: string | null;

  @Column({ name: 'not_a_breach_at', type: 'timestamptz', nullable: true })
  notABreachAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
