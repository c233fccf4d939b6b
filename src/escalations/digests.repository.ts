import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute } from '../platform/database/execute';
import { Outbox } from '../platform/outbox/outbox';
import { Digest } from './digest.entity';

export interface PlannedDigest {
  id: string;
  userId: string;
  localDate: string;
  messageId: string;
  now: Date;
}

// The digest outbox (platform/outbox): one row per DPO and local date, claimed with a lease, sent,
// then finished.
const outbox = new Outbox('digest');

@Injectable()
export class DigestsRepository {
  // Plans a DPO's digest of a date and drops their older digests still waiting (their list would be
  // stale, and the new one carries the current one) in the same statement; never plans a date older
  // than one the DPO has. True when a row was created.
  async plan(tx: EntityManager, d: PlannedDigest): Promise<boolean> {
    const { rows } = await execute<{ id: string }>(
      tx,
      `WITH stale AS (
         DELETE FROM digest WHERE user_id = $2 AND local_date < $3::date AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < $4)
       )
       INSERT INTO digest (id, user_id, local_date, status, attempts, next_attempt_at, message_id, created_at)
       SELECT $1, $2, $3::date, 'pending', 0, $4, $5, $4
       WHERE NOT EXISTS (SELECT 1 FROM digest WHERE user_id = $2 AND local_date >= $3::date)
       ON CONFLICT (user_id, local_date) DO NOTHING
       RETURNING id`,
      [d.id, d.userId, d.localDate, d.now.toISOString(), d.messageId],
    );
    return rows.length > 0;
  }

  // Claims due digests in two statements: locks them, then decides with a second statement, which
  // sees what is committed once the locks are held: a digest of a date older than another of the same
  // DPO is dropped, not sent. A plan that supersedes a locked digest must delete it, so it waits for
  // this claim and commits after it.
  async claim(
    tx: EntityManager,
    now: Date,
    leaseUntil: Date,
    instance: string,
    limit: number,
  ): Promise<{ claimed: string[]; dropped: { id: string; localDate: string }[] }> {
    const ids = await outbox.lockDue(tx, now, limit);
    if (ids.length === 0) return { claimed: [], dropped: [] };
    const { rows: dropped } = await execute<{ id: string; local_date: string }>(
      tx,
      `DELETE FROM digest d WHERE d.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM digest l WHERE l.user_id = d.user_id AND l.local_date > d.local_date)
       RETURNING d.id, d.local_date::text`,
      [ids],
    );
    const kept = ids.filter((id) => !dropped.some((d) => d.id === id));
    return {
      claimed: await outbox.lease(tx, kept, leaseUntil, instance),
      dropped: dropped.map((d) => ({ id: d.id, localDate: d.local_date })),
    };
  }

  findWithUser(m: EntityManager, id: string): Promise<Digest | null> {
    return m.findOne(Digest, { where: { id }, relations: { user: true } });
  }

  markSent(m: EntityManager, id: string, instance: string, sentAt: Date): Promise<boolean> {
    return outbox.finish(m, id, instance, { status: 'sent', sentAt });
  }

  retry(m: EntityManager, id: string, instance: string, r: { failed: boolean; nextAttemptAt: Date; lastError: string }): Promise<boolean> {
    return outbox.retry(m, id, instance, r);
  }
}
