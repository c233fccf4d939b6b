import { MigrationInterface, QueryRunner } from 'typeorm';

// Countdown e-mails (outbox rows, unique per incident, clock, milestone and recipient), daily
// digests, acknowledgements, contract milestones and deputies, and shared app secrets.
export class Escalations1764300000000 implements MigrationInterface {
  name = 'Escalations1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract ADD COLUMN escalation_milestones integer[]`);
    await q.query(`ALTER TABLE contract ADD COLUMN deputy_contacts jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE contract ADD COLUMN deputy_after_minutes integer NOT NULL DEFAULT 1440`);
    await q.query(`ALTER TABLE deadline ADD COLUMN acknowledged_by text`);
    await q.query(`ALTER TABLE deadline ADD COLUMN acknowledged_at timestamptz`);
    await q.query(`
      CREATE TABLE escalation (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        deadline_kind text NOT NULL,
        minutes_before integer NOT NULL,
        milestone text NOT NULL,
        recipient_email text NOT NULL,
        recipient_name text,
        recipient_role text NOT NULL,
        recipient_locale text NOT NULL,
        recipient_time_zone text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        claimed_until timestamptz,
        claimed_by text,
        last_error text,
        sent_at timestamptz,
        acknowledged_at timestamptz,
        message_id text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_escalation PRIMARY KEY (id),
        CONSTRAINT ux_escalation__incident_kind_milestone_recipient UNIQUE (incident_id, deadline_kind, minutes_before, recipient_email),
        CONSTRAINT ux_escalation__message_id UNIQUE (message_id),
        CONSTRAINT fk_escalation__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT ck_escalation__status CHECK (status IN ('pending', 'sent', 'failed', 'skipped', 'cancelled')),
        CONSTRAINT ck_escalation__kind CHECK (deadline_kind IN ('processor_to_controller', 'authority')),
        CONSTRAINT ck_escalation__role CHECK (recipient_role IN ('dpo', 'escalation_contact', 'deputy', 'reporter', 'incident_contact'))
      )`);
    await q.query(`CREATE INDEX ix_escalation__due ON escalation (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX ix_escalation__incident ON escalation (incident_id, deadline_kind)`);
    await q.query(`CREATE INDEX ix_escalation__failed ON escalation (incident_id) WHERE status = 'failed'`);
    await q.query(`
      CREATE TABLE digest (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        local_date date NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        claimed_until timestamptz,
        claimed_by text,
        last_error text,
        sent_at timestamptz,
        message_id text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_digest PRIMARY KEY (id),
        CONSTRAINT ux_digest__user_date UNIQUE (user_id, local_date),
        CONSTRAINT fk_digest__user FOREIGN KEY (user_id) REFERENCES app_user (id),
        CONSTRAINT ck_digest__status CHECK (status IN ('pending', 'sent', 'failed'))
      )`);
    await q.query(`CREATE INDEX ix_digest__due ON digest (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE app_setting (
        key text NOT NULL,
        value text NOT NULL,
        CONSTRAINT pk_app_setting PRIMARY KEY (key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_setting`);
    await q.query(`DROP TABLE digest`);
    await q.query(`DROP TABLE escalation`);
    await q.query(`ALTER TABLE deadline DROP COLUMN acknowledged_at`);
    await q.query(`ALTER TABLE deadline DROP COLUMN acknowledged_by`);
    await q.query(`ALTER TABLE contract DROP COLUMN deputy_after_minutes`);
    await q.query(`ALTER TABLE contract DROP COLUMN deputy_contacts`);
    await q.query(`ALTER TABLE contract DROP COLUMN escalation_milestones`);
  }
}
