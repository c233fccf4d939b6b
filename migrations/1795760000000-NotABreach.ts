import { MigrationInterface, QueryRunner } from 'typeorm';

// "Not a personal-data breach" as an outcome of its own: the status, and the DPO's reasons and the
// time of the finding, which the register keeps (Art. 33(5)).
export class NotABreach1795760000000 implements MigrationInterface {
  name = 'NotABreach1795760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident ADD COLUMN not_a_breach_reason text`);
    await q.query(`ALTER TABLE incident ADD COLUMN not_a_breach_at timestamptz`);
    await q.query(`ALTER TABLE incident DROP CONSTRAINT ck_incident__status`);
    await q.query(
      `ALTER TABLE incident ADD CONSTRAINT ck_incident__status CHECK (status IN ('draft', 'reported', 'triage', 'assessed', 'notified', 'not_notifiable', 'not_a_breach', 'closed'))`,
    );
    await q.query(
      `ALTER TABLE incident ADD CONSTRAINT ck_incident__not_a_breach_reason CHECK (status <> 'not_a_breach' OR (not_a_breach_reason IS NOT NULL AND not_a_breach_at IS NOT NULL))`,
    );
  }

  // Going back, an incident found not to be a breach becomes "not notifiable", the nearest older
  // outcome (its authority clock is stopped as that one's is); its reasons stay in the audit trail.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident DROP CONSTRAINT ck_incident__not_a_breach_reason`);
    await q.query(`ALTER TABLE incident DROP CONSTRAINT ck_incident__status`);
    await q.query(`UPDATE incident SET status = 'not_notifiable' WHERE status = 'not_a_breach'`);
    await q.query(
      `ALTER TABLE incident ADD CONSTRAINT ck_incident__status CHECK (status IN ('draft', 'reported', 'triage', 'assessed', 'notified', 'not_notifiable', 'closed'))`,
    );
    await q.query(`ALTER TABLE incident DROP COLUMN not_a_breach_at`);
    await q.query(`ALTER TABLE incident DROP COLUMN not_a_breach_reason`);
  }
}
