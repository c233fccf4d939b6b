import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type BatchStatus = 'draft' | 'pending' | 'running' | 'completed' | 'failed';

export interface BatchFailure {
  contractId: string;
  message: string;
}

// One breach filed for many contracts (incidents/batches): the request as given, the contracts it
// resolved to (none while a draft), and how far the work has come. Worked on in chunks under a lease (BatchRunner).
@Entity({ name: 'incident_batch' })
@Check('ck_incident_batch__status', `status IN ('draft', 'pending', 'running', 'completed', 'failed')`)
@Index('ix_incident_batch__runnable', ['createdAt'], { where: `status IN ('pending', 'running')` })
@Index('ix_incident_batch__processor', ['processorId', 'createdAt'])
@Index('ix_incident_batch__drafts', ['processorId', 'updatedAt'], { where: `status = 'draft'` })
export class IncidentBatch {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_incident_batch' })
  id: string;

  @Column({ name: 'processor_id', type: 'uuid' })
  processorId: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'jsonb' })
  selection: unknown;

  @Column({ type: 'jsonb' })
  intake: Record<string, unknown>;

  // Up to tens of thousands of ids: not read with the batch (its progress is polled), only in SQL
  // that needs them (IncidentBatchesRepository.openIn, in SQL).
  @Column({ name: 'contract_ids', type: 'uuid', array: true, select: false })
  contractIds: string[];

  @Column({ type: 'integer' })
  total: number;

  @Column({ type: 'integer', default: 0 })
  created: number;

  @Column({ type: 'integer', default: 0 })
  failed: number;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  failures: BatchFailure[];

  @Column({ type: 'text' })
  status: BatchStatus;

  // Failed tries of the chunk in flight for a reason retrying can fix (incident-batch.failures.ts).
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'leased_by', type: 'text', nullable: true })
  leasedBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
