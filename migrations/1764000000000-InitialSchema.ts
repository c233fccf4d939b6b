import { MigrationInterface, QueryRunner } from 'typeorm';

// Organizations, users, API tokens, contracts, incidents, their clocks and the audit trail.
// Hand-written SQL; every instant is timestamptz and no business time is defaulted by the database.
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid NOT NULL,
        slug text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        country text NOT NULL,
        region text,
        address text,
        sector text NOT NULL,
        dpo_name text,
        dpo_email text,
        dpo_phone text,
        authority_override_id text,
        time_zone text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_organization PRIMARY KEY (id),
        CONSTRAINT ux_organization__slug UNIQUE (slug),
        CONSTRAINT ck_organization__kind CHECK (kind IN ('controller', 'processor', 'both')),
        CONSTRAINT ck_organization__sector CHECK (sector IN ('private', 'public')),
        CONSTRAINT ck_organization__country CHECK (country ~ '^[A-Z]{2}$')
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid NOT NULL,
        organization_id uuid NOT NULL,
        email text NOT NULL,
        role text NOT NULL,
        password_hash text,
        locale text NOT NULL,
        time_zone text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_app_user PRIMARY KEY (id),
        CONSTRAINT ux_app_user__email UNIQUE (email),
        CONSTRAINT fk_app_user__organization FOREIGN KEY (organization_id) REFERENCES organization (id),
        CONSTRAINT ck_app_user__role CHECK (role IN ('processor_staff', 'controller_dpo', 'org_admin')),
        CONSTRAINT ck_app_user__locale CHECK (locale IN ('de', 'en')),
        CONSTRAINT ck_app_user__email_lower CHECK (email = lower(email))
      )`);
    await q.query(`CREATE INDEX ix_app_user__organization ON app_user (organization_id)`);
    await q.query(`
      CREATE TABLE api_token (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT pk_api_token PRIMARY KEY (id),
        CONSTRAINT ux_api_token__token_hash UNIQUE (token_hash),
        CONSTRAINT fk_api_token__user FOREIGN KEY (user_id) REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE contract (
        id uuid NOT NULL,
        controller_id uuid NOT NULL,
        processor_id uuid NOT NULL,
        reference text NOT NULL,
        signed_on date,
        processor_notice_hours integer NOT NULL,
        data_categories text[] NOT NULL,
        subject_categories text[] NOT NULL,
        sub_processors jsonb NOT NULL,
        escalation_contacts jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_contract PRIMARY KEY (id),
        CONSTRAINT ux_contract__controller_processor_reference UNIQUE (controller_id, processor_id, reference),
        CONSTRAINT fk_contract__controller FOREIGN KEY (controller_id) REFERENCES organization (id),
        CONSTRAINT fk_contract__processor FOREIGN KEY (processor_id) REFERENCES organization (id),
        CONSTRAINT ck_contract__processor_notice_hours CHECK (processor_notice_hours BETWEEN 1 AND 720)
      )`);
    await q.query(`CREATE INDEX ix_contract__processor ON contract (processor_id)`);
    await q.query(`CREATE SEQUENCE incident_reference_seq`);
    await q.query(`
      CREATE TABLE incident (
        id uuid NOT NULL,
        reference text NOT NULL,
        controller_id uuid NOT NULL,
        processor_id uuid,
        contract_id uuid,
        reporter_org_id uuid NOT NULL,
        reported_by_id uuid NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        title text NOT NULL,
        nature_description text NOT NULL,
        nature_types text[],
        nature_cause text,
        occurred_at timestamptz,
        occurred_from timestamptz,
        occurred_until timestamptz,
        discovered_at timestamptz NOT NULL,
        reported_to_controller_at timestamptz,
        controller_aware_at timestamptz,
        data_categories text[],
        special_categories text[],
        subject_categories text[],
        approximate_subjects integer,
        approximate_subjects_is_estimate boolean,
        approximate_records bigint,
        approximate_records_is_estimate boolean,
        contact_name text,
        contact_email text,
        contact_phone text,
        likely_consequences text,
        measures_taken text,
        measures_proposed text,
        sub_processor text,
        affected_countries text[] NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_incident PRIMARY KEY (id),
        CONSTRAINT ux_incident__reference UNIQUE (reference),
        CONSTRAINT fk_incident__controller FOREIGN KEY (controller_id) REFERENCES organization (id),
        CONSTRAINT fk_incident__processor FOREIGN KEY (processor_id) REFERENCES organization (id),
        CONSTRAINT fk_incident__contract FOREIGN KEY (contract_id) REFERENCES contract (id),
        CONSTRAINT fk_incident__reporter_org FOREIGN KEY (reporter_org_id) REFERENCES organization (id),
        CONSTRAINT fk_incident__reported_by FOREIGN KEY (reported_by_id) REFERENCES app_user (id),
        CONSTRAINT ck_incident__status CHECK (status IN ('draft', 'reported', 'triage', 'assessed', 'notified', 'not_notifiable', 'closed')),
        CONSTRAINT ck_incident__counts CHECK (coalesce(approximate_subjects, 0) >= 0 AND coalesce(approximate_records, 0) >= 0),
        CONSTRAINT ck_incident__draft_not_reported CHECK (status <> 'draft' OR (reported_to_controller_at IS NULL AND controller_aware_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_incident__controller_created ON incident (controller_id, created_at DESC, id DESC) WHERE status <> 'draft'`,
    );
    await q.query(`CREATE INDEX ix_incident__reporter_org_created ON incident (reporter_org_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE deadline (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        kind text NOT NULL,
        owner_org_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        completed_at timestamptz,
        stopped_at timestamptz,
        CONSTRAINT pk_deadline PRIMARY KEY (id),
        CONSTRAINT ux_deadline__incident_kind UNIQUE (incident_id, kind),
        CONSTRAINT fk_deadline__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT fk_deadline__owner_org FOREIGN KEY (owner_org_id) REFERENCES organization (id),
        CONSTRAINT ck_deadline__kind CHECK (kind IN ('processor_to_controller', 'authority'))
      )`);
    await q.query(
      `CREATE INDEX ix_deadline__open_owner_due ON deadline (owner_org_id, due_at) WHERE completed_at IS NULL AND stopped_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE audit_event (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor text NOT NULL,
        actor_user_id uuid,
        actor_org_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        incident_id uuid,
        changes jsonb NOT NULL,
        reason text,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT pk_audit_event PRIMARY KEY (seq),
        CONSTRAINT ux_audit_event__id UNIQUE (id),
        CONSTRAINT ux_audit_event__hash UNIQUE (hash),
        CONSTRAINT ux_audit_event__prev_hash UNIQUE (prev_hash)
      )`);
    await q.query(`CREATE INDEX ix_audit_event__incident ON audit_event (incident_id, seq) WHERE incident_id IS NOT NULL`);
    // Append-only: the database itself refuses to change or remove an audit event.
    await q.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_audit_event__append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`);
    await q.query(`
      CREATE TRIGGER tr_audit_event__no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_refuse_change()`);
    await q.query(`DROP TABLE deadline`);
    await q.query(`DROP TABLE incident`);
    await q.query(`DROP SEQUENCE incident_reference_seq`);
    await q.query(`DROP TABLE contract`);
    await q.query(`DROP TABLE api_token`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organization`);
  }
}
