import { MigrationInterface, QueryRunner } from 'typeorm';

// Incident batches may wait as one draft of the processor until submitted (status 'draft': the runner
// never claims it, no contract is resolved yet), and a chunk that fails for a reason retrying can fix
// (connection lost, serialization failure) is tried again a bounded number of times: `attempts`
// counts the failed tries of the chunk in flight, the lease (lease_until) holds the backoff.
export class BatchDraftsAndAttempts1795874200000 implements MigrationInterface {
  name = 'BatchDraftsAndAttempts1795874200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_batch DROP CONSTRAINT ck_incident_batch__status`);
    await q.query(
      `ALTER TABLE incident_batch ADD CONSTRAINT ck_incident_batch__status CHECK (status IN ('draft', 'pending', 'running', 'completed', 'failed'))`,
    );
    await q.query(`ALTER TABLE incident_batch ADD COLUMN attempts integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX ix_incident_batch__drafts ON incident_batch (processor_id, updated_at) WHERE status = 'draft'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A draft never reached anyone: it goes with the schema that cannot hold it.
    await q.query(`DROP INDEX ix_incident_batch__drafts`);
    await q.query(`DELETE FROM incident_batch WHERE status = 'draft'`);
    await q.query(`ALTER TABLE incident_batch DROP COLUMN attempts`);
    await q.query(`ALTER TABLE incident_batch DROP CONSTRAINT ck_incident_batch__status`);
    await q.query(
      `ALTER TABLE incident_batch ADD CONSTRAINT ck_incident_batch__status CHECK (status IN ('pending', 'running', 'completed', 'failed'))`,
    );
  }
}
