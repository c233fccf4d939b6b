import { MigrationInterface, QueryRunner } from 'typeorm';

// What was sent about an incident, as sent: the rendered body and its hash never change.
export class Notifications1764200000000 implements MigrationInterface {
  name = 'Notifications1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        kind text NOT NULL,
        authority_id text,
        initial_id uuid,
        sent_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by_id uuid NOT NULL,
        channel text,
        reference text,
        reasons_for_delay text,
        late boolean NOT NULL,
        language text NOT NULL,
        template_id text NOT NULL,
        template_version text NOT NULL,
        body text NOT NULL,
        body_sha256 text NOT NULL,
        CONSTRAINT pk_notification PRIMARY KEY (id),
        CONSTRAINT fk_notification__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT fk_notification__initial FOREIGN KEY (initial_id) REFERENCES notification (id),
        CONSTRAINT fk_notification__recorded_by FOREIGN KEY (recorded_by_id) REFERENCES app_user (id),
        CONSTRAINT ck_notification__kind CHECK (kind IN ('authority_initial', 'authority_followup', 'data_subjects', 'public_communication', 'processor_to_controller')),
        CONSTRAINT ck_notification__language CHECK (language IN ('de', 'en')),
        CONSTRAINT ck_notification__authority CHECK (kind NOT IN ('authority_initial', 'authority_followup') OR authority_id IS NOT NULL),
        CONSTRAINT ck_notification__late_reasons CHECK (NOT late OR kind <> 'authority_initial' OR reasons_for_delay IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_notification__incident ON notification (incident_id, sent_at)`);
    await q.query(
      `CREATE UNIQUE INDEX ux_notification__initial_per_authority ON notification (incident_id, authority_id) WHERE kind = 'authority_initial'`,
    );
    await q.query(`
      CREATE FUNCTION notification_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'notification is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_notification__immutable BEFORE UPDATE OR DELETE ON notification
      FOR EACH ROW EXECUTE FUNCTION notification_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP FUNCTION notification_refuse_change()`);
  }
}
