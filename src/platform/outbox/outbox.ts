import { EntityManager } from 'typeorm';
import { execute } from '../database/execute';

export interface Lease {
  now: Date;
  leaseUntil: Date;
  instance: string;
  limit: number;
}

// What happens to a due row that must not go out any more, decided in the claim statement itself
// on the locked row: `when` is an SQL condition on the row ($1 is now), `status` what it becomes.
export interface Supersede {
  when: string;
  status: string;
}

export interface Finish {
  status: string;
  sentAt?: Date;
  nextAttemptAt?: Date;
  lastError?: string | null;
}

// One lease/claim/retry mechanism for every outbox table (OutboxRow columns). A row is pending until
// an instance claims it: the claim locks due rows no other instance holds (oldest first, FOR UPDATE
// SKIP LOCKED) and commits a lease (claimed_until, claimed_by, attempts + 1), so any number of
// instances can dispatch side by side. The sender then finishes the row (sent, retried later, failed)
// only while it still holds the claim; a lease that runs out makes the row due again.
export class Outbox {
  constructor(readonly table: string) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  }

  // The claim as one statement ($1 now, $2 limit, $3 lease end, $4 instance): it locks due rows and
  // decides on each from the locked row alone. A row changed by a transaction that committed after the
  // statement began is locked in its newest version, and PostgreSQL re-checks the conditions on that
  // version, so the decision is on what is committed at the moment of claiming.
  claimStatement(supersede: Supersede): string {
    return `
  WITH due AS MATERIALIZED (
    SELECT id, COALESCE(${supersede.when}, false) AS superseded
    FROM ${this.table}
    WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
    ORDER BY next_attempt_at LIMIT $2
    FOR UPDATE SKIP LOCKED
  )
  UPDATE ${this.table} e
  SET status = CASE WHEN due.superseded THEN '${supersede.status}' ELSE e.status END,
      claimed_until = CASE WHEN due.superseded THEN NULL ELSE $3::timestamptz END,
      claimed_by = CASE WHEN due.superseded THEN e.claimed_by ELSE $4 END,
      attempts = e.attempts + CASE WHEN due.superseded THEN 0 ELSE 1 END
  FROM due WHERE e.id = due.id
  RETURNING e.id, due.superseded`;
  }

  // Runs a claimStatement: the ids claimed, and the ids decided superseded.
  async claim(tx: EntityManager, statement: string, lease: Lease): Promise<{ claimed: string[]; superseded: string[] }> {
    const { rows } = await execute<{ id: string; superseded: boolean }>(tx, statement, [
      lease.now.toISOString(),
      lease.limit,
      lease.leaseUntil.toISOString(),
      lease.instance,
    ]);
    return { claimed: rows.filter((r) => !r.superseded).map((r) => r.id), superseded: rows.filter((r) => r.superseded).map((r) => r.id) };
  }

  // The first half of a claim in two statements, for a decision that needs other rows as committed
  // once the locks are held: locks due rows no other instance holds; lease() then claims those kept.
  async lockDue(tx: EntityManager, now: Date, limit: number): Promise<string[]> {
    const { rows } = await execute<{ id: string }>(
      tx,
      `SELECT id FROM ${this.table} WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
       ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now.toISOString(), limit],
    );
    return rows.map((r) => r.id);
  }

  async lease(tx: EntityManager, ids: string[], leaseUntil: Date, instance: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const { rows } = await execute<{ id: string }>(
      tx,
      `UPDATE ${this.table} SET claimed_until = $2, claimed_by = $3, attempts = attempts + 1 WHERE id = ANY($1::uuid[]) RETURNING id`,
      [ids, leaseUntil.toISOString(), instance],
    );
    return rows.map((r) => r.id);
  }

  // Records what became of a claimed row, only while this instance holds the claim and the row is
  // pending. `sentFrom`: states a row that went out is still recorded as sent from (it must say what
  // the person got, e.g. a mail whose clock ended while it was on its way).
  async finish(m: EntityManager, id: string, instance: string, set: Finish, sentFrom: readonly string[] = []): Promise<boolean> {
    const { affected } = await execute(
      m,
      `UPDATE ${this.table} SET status = $3, sent_at = COALESCE($4, sent_at), next_attempt_at = COALESCE($5, next_attempt_at),
                             last_error = $6, claimed_until = NULL
       WHERE id = $1 AND claimed_by = $2 AND (status = 'pending' OR ($3 = 'sent' AND status = ANY($7::text[])))`,
      [
        id,
        instance,
        set.status,
        set.sentAt?.toISOString() ?? null,
        set.nextAttemptAt?.toISOString() ?? null,
        set.lastError ?? null,
        [...sentFrom],
      ],
    );
    return affected === 1;
  }

  // A failed attempt: tried again at nextAttemptAt, or failed for good once attempts are used up.
  retry(m: EntityManager, id: string, instance: string, r: { failed: boolean; nextAttemptAt?: Date; lastError: string }): Promise<boolean> {
    return this.finish(m, id, instance, {
      status: r.failed ? 'failed' : 'pending',
      nextAttemptAt: r.nextAttemptAt,
      lastError: r.lastError,
    });
  }

  async nextDueAt(m: EntityManager): Promise<Date | null> {
    const [row] = await m.query(`SELECT min(next_attempt_at) AS at FROM ${this.table} WHERE status = 'pending'`);
    return row?.at ? new Date(row.at) : null;
  }

  async countByStatus(m: EntityManager, status: string): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM ${this.table} WHERE status = $1`, [status]);
    return row.n;
  }
}
