import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from './user.entity';

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

// Sign-in attempts in the current window, per account ("account:<e-mail>") or per client address
// ("address:<ip>"); counted before the password is checked (see WebSessionsRepository.countAttempt).
@Entity({ name: 'sign_in_attempt' })
@Check('ck_sign_in_attempt__attempts', `attempts >= 0`)
export class SignInAttempt {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_sign_in_attempt' })
  key: string;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt: Date;

  @Column({ type: 'integer' })
  attempts: number;
}
