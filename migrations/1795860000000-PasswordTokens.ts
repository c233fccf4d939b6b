import { MigrationInterface, QueryRunner } from 'typeorm';

// Single-use links to set a password: an invitation (7 days) or a reset (30 minutes). The link carries
// the row's id and an HMAC over id, purpose, user and expiry (platform/security/signed-token.ts); the
// row makes it single-use (used_at) and lets a newer link or a set password retire older ones.
export class PasswordTokens1795860000000 implements MigrationInterface {
  name = 'PasswordTokens1795860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_token (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invite', 'reset')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_password_token__user ON password_token (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_token`);
  }
}
