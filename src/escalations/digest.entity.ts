import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../identity/user.entity';

// One daily digest of open clocks for one DPO on one local date: unique, so it goes out once.
@Entity({ name: 'digest' })
@Unique('ux_digest__user_date', ['userId', 'localDate'])
@Index('ix_digest__due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Check('ck_digest__status', `status IN ('pending', 'sent', 'failed')`)
export class Digest {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_digest' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_digest__user' })
  user?: User;

  @Column({ name: 'local_date', type: 'date' })
  localDate: string;

  @Column({ type: 'text' })
  status: 'pending' | 'sent' | 'failed';

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'message_id', type: 'text' })
  messageId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
