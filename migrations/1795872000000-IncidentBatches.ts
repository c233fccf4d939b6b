import { MigrationInterface, QueryRunner } from 'typeorm';

// One processor breach filed for many contracts at once (docs/api.md, "Batches"). The batch keeps
// the request (selection and intake fields) and the contracts it resolved to, so a server that
// picks it up after a restart creates exactly what is missing; the unique (batch_id, contract_id)
// makes a second incident for one contract impossible, whoever runs the batch.
export class IncidentBatches1795872000000 implements MigrationInterface {
  name = 'IncidentBatches1795872000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident_batch (
        id uuid NOT NULL,
        processor_id uuid NOT NULL,
        created_by uuid NOT NULL,
        selection jsonb NOT NULL,
        intake jsonb NOT NULL,
        contract_ids uuid[] NOT NULL,
        total integer NOT NULL,
        created integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        failures jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL,
        lease_until timestamptz,
        leased_by text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_incident_batch PRIMARY KEY (id),
        CONSTRAINT ck_incident_batch__status CHECK (status IN ('pending', 'running', 'completed', 'failed'))
      )`);
    await q.query(`CREATE INDEX ix_incident_batch__runnable ON incident_batch (created_at) WHERE status IN ('pending', 'running')`);
    await q.query(`CREATE INDEX ix_incident_batch__processor ON incident_batch (processor_id, created_at)`);
    await q.query(`ALTER TABLE incident ADD COLUMN batch_id uuid`);
    await q.query(`CREATE UNIQUE INDEX ux_incident__batch_contract ON incident (batch_id, contract_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ux_incident__batch_contract`);
    await q.query(`ALTER TABLE incident DROP COLUMN batch_id`);
    await q.query(`DROP TABLE incident_batch`);
  }
}
