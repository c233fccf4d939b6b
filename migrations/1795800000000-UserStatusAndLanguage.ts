import { MigrationInterface, QueryRunner } from 'typeorm';

// Users can be deactivated (everyone is active until now). Organizations have a language, the one
// their users get until they choose their own (German for DE, AT, CH and LI, English elsewhere, as
// the app chose at creation so far). A user counts as having chosen when their language differs
// from their organization's or when they changed it in their settings (the audit trail says so);
// everyone else follows the organization from now on.
export class UserStatusAndLanguage1795800000000 implements MigrationInterface {
  name = 'UserStatusAndLanguage1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE app_user ALTER COLUMN active DROP DEFAULT`);
    await q.query(`ALTER TABLE organization ADD COLUMN locale text`);
    await q.query(`UPDATE organization SET locale = CASE WHEN country IN ('DE', 'AT', 'CH', 'LI') THEN 'de' ELSE 'en' END`);
    await q.query(`ALTER TABLE organization ALTER COLUMN locale SET NOT NULL`);
    await q.query(`ALTER TABLE organization ADD CONSTRAINT ck_organization__locale CHECK (locale IN ('de', 'en'))`);
    await q.query(`ALTER TABLE app_user ADD COLUMN locale_chosen boolean`);
    await q.query(`
      UPDATE app_user u
      SET locale_chosen = u.locale <> o.locale OR EXISTS (
        SELECT 1 FROM audit_event a
        WHERE a.entity_type = 'user' AND a.entity_id = u.id AND a.action = 'user.preferences_changed' AND a.changes ? 'locale')
      FROM organization o
      WHERE o.id = u.organization_id`);
    await q.query(`ALTER TABLE app_user ALTER COLUMN locale_chosen SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN locale_chosen, DROP COLUMN active`);
    await q.query(`ALTER TABLE organization DROP COLUMN locale`);
  }
}
