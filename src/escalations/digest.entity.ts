import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../identity/user.entity';
import { OutboxRow } from '../platform/outbox/outbox-row';

// One daily digest of open clocks for one DPO on one local date: unique, so it goes out once.
@Entity({ name: 'digest' })
@Unique('ux_digest__user_date', ['userId', 'localDate'])
@Index('ix_digest__due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Check('ck_digest__status', `status IN ('pending', 'sent', 'failed')`)
export class Digest extends OutboxRow<'pending' | 'sent' | 'failed'> {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_digest' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_digest__user' })
  user?: User;

  @Column({ name: 'local_date', type: 'date' })
  localDate: string;
}
