import { MigrationInterface, QueryRunner } from 'typeorm';

// Sign-in limits counted atomically: one row per account and per address, incremented by one
// upsert before a password is checked, so parallel attempts cannot all slip under the limit (the
// failure log they replace was read, then written). And the number of people affected holds what
// validation allows (up to 2^53 - 1): breaches of billions of accounts are on record.
export class SignInAttemptsAndLargeCounts1764600000000 implements MigrationInterface {
  name = 'SignInAttemptsAndLargeCounts1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_attempt (
        key text NOT NULL,
        window_started_at timestamptz NOT NULL,
        attempts integer NOT NULL,
        CONSTRAINT pk_sign_in_attempt PRIMARY KEY (key),
        CONSTRAINT ck_sign_in_attempt__attempts CHECK (attempts >= 0)
      )`);
    await q.query(`DROP TABLE login_failure`);
    await q.query(`ALTER TABLE incident ALTER COLUMN approximate_subjects TYPE bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident ALTER COLUMN approximate_subjects TYPE integer`);
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
    await q.query(`DROP TABLE sign_in_attempt`);
  }
}
