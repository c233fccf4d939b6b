import { MigrationInterface, QueryRunner } from 'typeorm';

// The recommendation reads the incident (large scale, special categories, vulnerable people): each
// assessment keeps the incident facts it saw and the flags they raised. Assessments made before
// keep what they were computed with: no facts (null) and no flags.
export class AssessmentIncidentFacts1795750000000 implements MigrationInterface {
  name = 'AssessmentIncidentFacts1795750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assessment ADD COLUMN incident_facts jsonb`);
    await q.query(`ALTER TABLE assessment ADD COLUMN risk_flags jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`ALTER TABLE assessment ALTER COLUMN risk_flags DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assessment DROP COLUMN risk_flags`);
    await q.query(`ALTER TABLE assessment DROP COLUMN incident_facts`);
  }
}
