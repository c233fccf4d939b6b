import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../identity/user.entity';

// A signed-in browser. The cookie holds a random secret; only its SHA-256 is stored.
@Entity({ name: 'web_session' })
@Unique('ux_web_session__token_hash', ['tokenHash'])
export class WebSession {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_web_session' })
  id: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_web_session__user' })
  user?: User;

  // Every form of this session carries it; a POST without it is refused (CSRF).
  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}

@Entity({ name: 'login_failure' })
@Index('ix_login_failure__email_at', ['email', 'at'])
@Index('ix_login_failure__address_at', ['address', 'at'])
export class LoginFailure {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_login_failure' })
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
