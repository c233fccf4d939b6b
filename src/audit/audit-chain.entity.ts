import { Column, Entity, PrimaryColumn } from 'typeorm';

// The head of one audit chain (domain/audit-chain.ts): appending locks this row only.
@Entity({ name: 'audit_chain' })
export class AuditChain {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_audit_chain' })
  chain: string;

  @Column({ name: 'head_hash', type: 'text' })
  headHash: string;

  @Column({ type: 'bigint', default: 0, transformer: { to: (v: string) => v, from: (v: string | number) => String(v) } })
  events: string;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt: Date | null;
}
