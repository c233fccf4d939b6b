import { MigrationInterface, QueryRunner } from 'typeorm';

// The facts the authorities' forms ask beyond Art. 33(3) (issue 15 item 10): who reports, how the
// breach was found, whether it goes on and when it was contained, the protection before it, what
// has already happened, vulnerable people, other bodies told. All nullable: an incident filed
// before knows none of them (null = not known, as for every fact).
export class IntakeFormFacts1795820000000 implements MigrationInterface {
  name = 'IntakeFormFacts1795820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident ADD COLUMN reporter_name text`);
    await q.query(`ALTER TABLE incident ADD COLUMN reporter_role text`);
    await q.query(`ALTER TABLE incident ADD COLUMN discovery_method text`);
    await q.query(`ALTER TABLE incident ADD COLUMN ongoing boolean`);
    await q.query(`ALTER TABLE incident ADD COLUMN contained_at timestamptz`);
    await q.query(`ALTER TABLE incident ADD COLUMN security_encryption text`);
    await q.query(`ALTER TABLE incident ADD COLUMN security_description text`);
    await q.query(`ALTER TABLE incident ADD COLUMN consequences_materialised text`);
    await q.query(`ALTER TABLE incident ADD COLUMN vulnerable_subjects boolean`);
    await q.query(`ALTER TABLE incident ADD COLUMN other_authorities_informed jsonb`);
    await q.query(
      `ALTER TABLE incident ADD CONSTRAINT ck_incident__security_encryption CHECK (security_encryption IN ('none', 'partial', 'full'))`,
    );
    await q.query(
      `ALTER TABLE incident ADD CONSTRAINT ck_incident__contained_not_ongoing CHECK (NOT (ongoing AND contained_at IS NOT NULL))`,
    );
  }

  // Going back drops the facts; what they were stays in the audit trail (each change is audited).
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident DROP CONSTRAINT ck_incident__contained_not_ongoing`);
    await q.query(`ALTER TABLE incident DROP CONSTRAINT ck_incident__security_encryption`);
    for (const column of [
      'other_authorities_informed',
      'vulnerable_subjects',
      'consequences_materialised',
      'security_description',
      'security_encryption',
      'contained_at',
      'ongoing',
      'discovery_method',
      'reporter_role',
      'reporter_name',
    ]) {
      await q.query(`ALTER TABLE incident DROP COLUMN ${column}`);
    }
  }
}
