import { MigrationInterface, QueryRunner } from 'typeorm';

// API tokens get a name, an expiry and the time they were last used (recorded at most once a minute).
// Tokens made before get a name from the day they were made; none of them expires.
export class ApiTokenLifecycle1795790000000 implements MigrationInterface {
  name = 'ApiTokenLifecycle1795790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_token ADD COLUMN name text, ADD COLUMN expires_at timestamptz, ADD COLUMN last_used_at timestamptz`);
    await q.query(`UPDATE api_token SET name = 'token of ' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`);
    await q.query(`ALTER TABLE api_token ALTER COLUMN name SET NOT NULL`);
    await q.query(`ALTER TABLE api_token ADD CONSTRAINT ck_api_token__name CHECK (char_length(name) BETWEEN 1 AND 100)`);
    await q.query(
      `ALTER TABLE api_token ADD CONSTRAINT ck_api_token__expires_after_created CHECK (expires_at IS NULL OR expires_at > created_at)`,
    );
    await q.query(`CREATE INDEX ix_api_token__user ON api_token (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_api_token__user`);
    await q.query(`ALTER TABLE api_token DROP COLUMN name, DROP COLUMN expires_at, DROP COLUMN last_used_at`);
  }
}
