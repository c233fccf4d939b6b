import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Commitments } from './domain/audit-commitments';

export interface FieldChange {
  from: unknown;
  to: unknown;
}

// Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, but for the erasures migration
// ErasableAuditValues1795874000000 lets through); each row carries the hash of the one before.
@Entity({ name: 'audit_event' })
@Unique('ux_audit_event__id', ['id'])
@Unique('ux_audit_event__hash', ['hash'])
@Unique('ux_audit_event__prev_hash', ['prevHash'])
@Index('ix_audit_event__incident', ['incidentId', 'seq'], { where: `incident_id IS NOT NULL` })
@Index('ix_audit_event__chain', ['chain', 'seq'])
@Check('ck_audit_event__format', `format = 1 AND commitments IS NULL OR format = 2 AND commitments IS NOT NULL`)
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_audit_event',
    // pg returns int8 as a string, PGlite as a number: always a string here.
    // (TypeORM passes every column option through; its identity-options type just omits transformer.)
    ...({
      transformer: { to: (v: string | undefined) => v, from: (v: string | number | null) => (v === null ? null : String(v)) },
    } as object),
  })
  seq: string;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  // "user:<email>" or "cli:<command>"
  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_org_id', type: 'uuid', nullable: true })
  actorOrgId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  @Column({ type: 'jsonb' })
  changes: Record<string, FieldChange>;

  // Why, where the law or the product asks for a reason (e.g. moving controllerAwareAt).
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  // The chain the event belongs to (domain/audit-chain.ts: "org:<id>", "system" or "legacy").
  @Column({ type: 'text' })
  chain: string;

  // The chain format (domain/audit-chain.ts): 1 hashes the values, 2 commitments to them, whose salts
  // (or, once a value is erased, the commitments themselves) are kept here.
  @Column({ type: 'smallint', default: 1 })
  format: 1 | 2;

  @Column({ type: 'jsonb', nullable: true })
  commitments: Commitments | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
