import { MigrationInterface, QueryRunner } from 'typeorm';

// Escalations hang off obligations (docs/escalations.md). Each escalation row names its obligation:
// the Obligations migration kept each clock's id as its obligation's id, so a row's (incident, clock
// kind) gives deadline.id = obligation.id. Milestones are unique per obligation, milestone and
// recipient (two duties of one incident — CNIL and Garante — each get their own); reminders of a
// duty without a deadline are numbered (reminder_no) instead of placed before a deadline.
// "I have this" moves to the obligation (copied from the clock); the reminder policy is a setting of
// the contract and of the organization (null: the default, daily; 0: off).
export class EscalationsOnObligations1795830000000 implements MigrationInterface {
  name = 'EscalationsOnObligations1795830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE obligation ADD COLUMN acknowledged_by text`);
    await q.query(`ALTER TABLE obligation ADD COLUMN acknowledged_at timestamptz`);
    await q.query(`
      UPDATE obligation o SET acknowledged_by = d.acknowledged_by, acknowledged_at = d.acknowledged_at
      FROM deadline d WHERE d.id = o.id AND d.acknowledged_by IS NOT NULL`);

    await q.query(`ALTER TABLE escalation ADD COLUMN obligation_id uuid`);
    await q.query(`
      UPDATE escalation e SET obligation_id = o.id
      FROM deadline d JOIN obligation o ON o.id = d.id
      WHERE d.incident_id = e.incident_id AND d.kind = e.deadline_kind`);
    // Every clock became an obligation, so every row finds one; a row of a clock that no longer
    // exists could never be sent (its clock is not open) and is not kept.
    await q.query(`DELETE FROM escalation WHERE obligation_id IS NULL`);
    await q.query(`ALTER TABLE escalation ALTER COLUMN obligation_id SET NOT NULL`);
    await q.query(
      `ALTER TABLE escalation ADD CONSTRAINT fk_escalation__obligation FOREIGN KEY (obligation_id) REFERENCES obligation(id) ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE escalation DROP CONSTRAINT ux_escalation__incident_kind_milestone_recipient`);
    await q.query(`ALTER TABLE escalation ALTER COLUMN minutes_before DROP NOT NULL`);
    await q.query(`ALTER TABLE escalation ADD COLUMN reminder_no integer`);
    await q.query(`ALTER TABLE escalation ADD CONSTRAINT ck_escalation__step CHECK ((minutes_before IS NULL) <> (reminder_no IS NULL))`);
    await q.query(
      `ALTER TABLE escalation ADD CONSTRAINT ux_escalation__obligation_milestone_recipient UNIQUE (obligation_id, minutes_before, recipient_email)`,
    );
    await q.query(
      `ALTER TABLE escalation ADD CONSTRAINT ux_escalation__obligation_reminder_recipient UNIQUE (obligation_id, reminder_no, recipient_email)`,
    );

    for (const table of ['contract', 'organization']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN reminder_every_minutes integer`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ck_${table}__reminder_every_minutes CHECK (reminder_every_minutes IS NULL OR reminder_every_minutes BETWEEN 0 AND 43200)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['organization', 'contract']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ck_${table}__reminder_every_minutes`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN reminder_every_minutes`);
    }
    // Reminders and the milestones of a second duty of the same clock kind have no place in the
    // clock model: they go.
    await q.query(`DELETE FROM escalation WHERE reminder_no IS NOT NULL`);
    await q.query(`
      DELETE FROM escalation e USING obligation o
      WHERE o.id = e.obligation_id AND NOT EXISTS (SELECT 1 FROM deadline d WHERE d.id = o.id)`);
    await q.query(`ALTER TABLE escalation DROP CONSTRAINT ux_escalation__obligation_reminder_recipient`);
    await q.query(`ALTER TABLE escalation DROP CONSTRAINT ux_escalation__obligation_milestone_recipient`);
    await q.query(`ALTER TABLE escalation DROP CONSTRAINT ck_escalation__step`);
    await q.query(`ALTER TABLE escalation DROP COLUMN reminder_no`);
    await q.query(`ALTER TABLE escalation ALTER COLUMN minutes_before SET NOT NULL`);
    await q.query(
      `ALTER TABLE escalation ADD CONSTRAINT ux_escalation__incident_kind_milestone_recipient UNIQUE (incident_id, deadline_kind, minutes_before, recipient_email)`,
    );
    await q.query(`ALTER TABLE escalation DROP CONSTRAINT fk_escalation__obligation`);
    await q.query(`ALTER TABLE escalation DROP COLUMN obligation_id`);
    await q.query(`
      UPDATE deadline d SET acknowledged_by = o.acknowledged_by, acknowledged_at = o.acknowledged_at
      FROM obligation o WHERE o.id = d.id AND o.acknowledged_by IS NOT NULL`);
    await q.query(`ALTER TABLE obligation DROP COLUMN acknowledged_at`);
    await q.query(`ALTER TABLE obligation DROP COLUMN acknowledged_by`);
  }
}
