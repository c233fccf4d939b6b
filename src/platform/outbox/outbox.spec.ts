import { Outbox } from './outbox';

describe('Outbox', () => {
  it('takes only a plain table name, since it is written into the statements', () => {
    expect(() => new Outbox('digest; DROP TABLE x')).toThrow('not a table name');
    expect(new Outbox('digest').table).toBe('digest');
  });

  it('claims in one statement: due, unleased rows, oldest first, skipping locked ones; a superseded row takes the given status and no lease', () => {
    const sql = new Outbox('escalation').claimStatement({ when: 'superseded_at <= $1', status: 'skipped' });
    const flat = sql.replace(/\s+/g, ' ');
    expect(flat).toContain(
      "SELECT id, COALESCE(superseded_at <= $1, false) AS superseded FROM escalation WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED",
    );
    expect(flat).toContain("SET status = CASE WHEN due.superseded THEN 'skipped' ELSE e.status END");
    expect(flat).toContain('claimed_until = CASE WHEN due.superseded THEN NULL ELSE $3::timestamptz END');
    expect(flat).toContain('attempts = e.attempts + CASE WHEN due.superseded THEN 0 ELSE 1 END');
  });
});
