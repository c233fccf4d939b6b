import { MigrationInterface, QueryRunner } from 'typeorm';

// Each escalation row carries the moment it is superseded: when the recipient's next milestone of
// the same clock falls due. The claim decides on the locked row alone, so a filing or re-plan that
// lands while mails are claimed can no longer get out-of-date milestones mailed (docs/escalations.md).
// Rows already planned get it from the due instants of their clock's later rows for the same person
// (a sent or skipped row keeps the instant it had, which is past).
export class EscalationSupersededAt1795780000000 implements MigrationInterface {
  name = 'EscalationSupersededAt1795780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalation ADD COLUMN superseded_at timestamptz`);
    await q.query(`
      UPDATE escalation e
      SET superseded_at = later.at
      FROM (
        SELECT x.id, min(l.due_at) AS at
        FROM escalation x
        JOIN escalation l ON l.incident_id = x.incident_id AND l.deadline_kind = x.deadline_kind
                         AND l.recipient_email = x.recipient_email AND l.minutes_before < x.minutes_before
                         AND l.status <> 'cancelled'
        GROUP BY x.id
      ) later
      WHERE later.id = e.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalation DROP COLUMN superseded_at`);
  }
}
