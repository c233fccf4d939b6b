import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from './user.entity';

// A bearer token is shown once at creation; only its SHA-256 is stored. It works until it is revoked
// or expires, and while its user is active.
@Entity({ name: 'api_token' })
@Unique('ux_api_token__token_hash', ['tokenHash'])
@Index('ix_api_token__user', ['userId'])
@Check('ck_api_token__name', 'char_length(name) BETWEEN 1 AND 100')
@Check('ck_api_token__expires_after_created', 'expires_at IS NULL OR expires_at > created_at')
export class ApiToken {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_api_token' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_api_token__user' })
  user?: User;

  // What the token is for ("ticket system"), so its owner can tell tokens apart and revoke the right one.
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  // Null: never expires.
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  // Recorded at most once a minute per token (docs/decisions.md), so it is exact to about a minute.
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
