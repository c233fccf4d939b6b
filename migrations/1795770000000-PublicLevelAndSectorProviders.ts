import { MigrationInterface, QueryRunner } from 'typeorm';

// Public bodies record whether they belong to the Federation or to a Land, and organizations
// whether they provide telecommunications or postal services: in Germany these decide between the
// BfDI and the Land authorities (§ 9(1) BDSG, § 29 TDDDG, the Postgesetz; § 40 BDSG).
// German public bodies recorded before get the level the routing read from them until now (no
// region: federal; a region: the Land), so no organization's authority changes by this migration.
export class PublicLevelAndSectorProviders1795770000000 implements MigrationInterface {
  name = 'PublicLevelAndSectorProviders1795770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization ADD COLUMN public_level text`);
    await q.query(`ALTER TABLE organization ADD COLUMN telecom boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE organization ADD COLUMN postal boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE organization ALTER COLUMN telecom DROP DEFAULT`);
    await q.query(`ALTER TABLE organization ALTER COLUMN postal DROP DEFAULT`);
    await q.query(
      `UPDATE organization SET public_level = CASE WHEN region IS NULL THEN 'federal' ELSE 'state' END WHERE sector = 'public' AND country = 'DE'`,
    );
    await q.query(
      `ALTER TABLE organization ADD CONSTRAINT ck_organization__public_level CHECK (public_level IS NULL OR (sector = 'public' AND public_level IN ('federal', 'state')))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization DROP CONSTRAINT ck_organization__public_level`);
    await q.query(`ALTER TABLE organization DROP COLUMN postal`);
    await q.query(`ALTER TABLE organization DROP COLUMN telecom`);
    await q.query(`ALTER TABLE organization DROP COLUMN public_level`);
  }
}
