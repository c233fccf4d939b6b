import { MigrationInterface, QueryRunner } from 'typeorm';

// Webhooks (docs/webhooks.md): the endpoints an organization registers, and their deliveries as an
// outbox table (the OutboxRow columns, claimed with a lease like escalation mails). A due_soon
// delivery is one per endpoint, obligation and milestone; every other event one per endpoint and event.
export class Webhooks1795850000000 implements MigrationInterface {
  name = 'Webhooks1795850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id uuid NOT NULL,
        organization_id uuid NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        include_details boolean NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz,
        CONSTRAINT pk_webhook_endpoint PRIMARY KEY (id),
        CONSTRAINT fk_webhook_endpoint__organization FOREIGN KEY (organization_id) REFERENCES organization(id) ON DELETE NO ACTION ON UPDATE NO ACTION,
        CONSTRAINT ck_webhook_endpoint__active CHECK (active = (deleted_at IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_webhook_endpoint__organization ON webhook_endpoint (organization_id) WHERE active`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        event_type text NOT NULL,
        incident_id uuid NOT NULL,
        obligation_id uuid,
        milestone text,
        payload jsonb NOT NULL,
        last_status integer,
        status text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        claimed_until timestamptz,
        claimed_by text,
        last_error text,
        sent_at timestamptz,
        message_id text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_webhook_delivery PRIMARY KEY (id),
        CONSTRAINT fk_webhook_delivery__endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoint(id) ON DELETE NO ACTION ON UPDATE NO ACTION,
        CONSTRAINT fk_webhook_delivery__incident FOREIGN KEY (incident_id) REFERENCES incident(id) ON DELETE NO ACTION ON UPDATE NO ACTION,
        CONSTRAINT fk_webhook_delivery__obligation FOREIGN KEY (obligation_id) REFERENCES obligation(id) ON DELETE NO ACTION ON UPDATE NO ACTION,
        CONSTRAINT ux_webhook_delivery__message_id UNIQUE (message_id),
        CONSTRAINT ck_webhook_delivery__status CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
        CONSTRAINT ck_webhook_delivery__type CHECK (event_type IN ('incident.created', 'incident.updated', 'obligation.due_soon', 'obligation.fulfilled', 'decision.made')),
        CONSTRAINT ck_webhook_delivery__milestone CHECK ((event_type = 'obligation.due_soon') = (milestone IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ux_webhook_delivery__due_soon ON webhook_delivery (endpoint_id, obligation_id, milestone) WHERE milestone IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_webhook_delivery__due ON webhook_delivery (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX ix_webhook_delivery__endpoint ON webhook_delivery (endpoint_id, created_at)`);
    await q.query(`CREATE INDEX ix_webhook_delivery__failed ON webhook_delivery (endpoint_id) WHERE status = 'failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_endpoint`);
  }
}
