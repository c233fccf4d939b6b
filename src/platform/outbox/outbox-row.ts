import { Column } from 'typeorm';

// The columns every outbox row shares (escalation mails, digests): where it stands, the lease of the
// instance sending it, its attempts and when it is tried next. An entity extends it and adds what it
// carries; the table keeps these column names (docs/architecture.md, "Outbox").
export abstract class OutboxRow<Status extends string = string> {
  @Column({ type: 'text' })
  status: Status;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  // The lease of the instance sending it; expired leases are claimed again.
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  // Deterministic, so a resend after a crash carries the same Message-ID.
  @Column({ name: 'message_id', type: 'text' })
  messageId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
