import { MigrationInterface, QueryRunner } from 'typeorm';

// Browser sessions (cookie → user, with the form token against CSRF) and failed logins (rate limits
// per account and per address, shared by every instance).
export class WebSessions1764400000000 implements MigrationInterface {
  name = 'WebSessions1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_session (
        id uuid NOT NULL,
        token_hash text NOT NULL,
        user_id uuid NOT NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_web_session PRIMARY KEY (id),
        CONSTRAINT ux_web_session__token_hash UNIQUE (token_hash),
        CONSTRAINT fk_web_session__user FOREIGN KEY (user_id) REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE login_failure (
        id uuid NOT NULL,
        email text NOT NULL,
        address text NOT NULL,
        at timestamptz NOT NULL,
        CONSTRAINT pk_login_failure PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_login_failure__email_at ON login_failure (email, at)`);
    await q.query(`CREATE INDEX ix_login_failure__address_at ON login_failure (address, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failure`);
    await q.query(`DROP TABLE web_session`);
  }
}
