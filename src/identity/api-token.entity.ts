import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from './user.entity';

// A bearer token is shown once at creation; only its SHA-256 is stored.
@Entity({ name: 'api_token' })
@Unique('ux_api_token__token_hash', ['tokenHash'])
export class ApiToken {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_api_token' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_api_token__user' })
  user?: User;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
