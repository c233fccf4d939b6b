import { migrateUnderLock } from '../../src/platform/database/migrate';
import { createTestDatabase, dataSourceUpTo, testDataSource } from '../support/db';

async function tables(ds: import('typeorm').DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  it('run up, down and up again on an empty database, and leave nothing for TypeORM to change', async () => {
    const db = await createTestDatabase({ empty: true });
    const ds = testDataSource({ kind: 'postgres', url: db.url, poolSize: 2 });
    await ds.initialize();
    try {
      const applied = await migrateUnderLock(ds);
      expect(applied).toEqual([
        'InitialSchema1764000000000',
        'AssessmentsAndDecisions1764100000000',
        'Notifications1764200000000',
        'Escalations1764300000000',
        'WebSessions1764400000000',
        'CalendarFeedGeneration1764500000000',
        'SignInAttemptsAndLargeCounts1764600000000',
        'AssessmentIncidentFacts1795750000000',
        'NotABreach1795760000000',
        'PublicLevelAndSectorProviders1795770000000',
        'EscalationSupersededAt1795780000000',
        'ApiTokenLifecycle1795790000000',
        'UserStatusAndLanguage1795800000000',
        'Obligations1795810000000',
        'IntakeFormFacts1795820000000',
        'EscalationsOnObligations1795830000000',
        'RetireClocks1795840000000',
        'Webhooks1795850000000',
        'PasswordTokens1795860000000',
        'IncidentRegimes1795870000000',
        'AuditChains1795871000000',
        'IncidentBatches1795872000000',
        'Offboarding1795873000000',
        'ErasableAuditValues1795874000000',

        'BatchDraftsAndAttempts1795874200000',
      ]);
      expect(await tables(ds)).toEqual([
        'api_token',
        'app_setting',
        'app_user',
        'assessment',
        'audit_chain',
        'audit_event',
        'contract',
        'decision',
        'digest',
        'dora_classification',
        'escalation',
        'incident',
        'incident_batch',
        'incident_regimes',
        'nis2_classification',
        'notification',
        'obligation',
        'organization',
        'password_token',
        'sign_in_attempt',
        'web_session',
        'webhook_delivery',
        'webhook_endpoint',
      ]);

      while ((await ds.query(`SELECT count(*)::int AS n FROM migrations`))[0].n > 0) await ds.undoLastMigration();
      expect(await tables(ds)).toEqual([]);

      expect(await migrateUnderLock(ds)).toEqual([
        'InitialSchema1764000000000',
        'AssessmentsAndDecisions1764100000000',
        'Notifications1764200000000',
        'Escalations1764300000000',
        'WebSessions1764400000000',
        'CalendarFeedGeneration1764500000000',
        'SignInAttemptsAndLargeCounts1764600000000',
        'AssessmentIncidentFacts1795750000000',
        'NotABreach1795760000000',
        'PublicLevelAndSectorProviders1795770000000',
        'EscalationSupersededAt1795780000000',
        'ApiTokenLifecycle1795790000000',
        'UserStatusAndLanguage1795800000000',
        'Obligations1795810000000',
        'IntakeFormFacts1795820000000',
        'EscalationsOnObligations1795830000000',
        'RetireClocks1795840000000',
        'Webhooks1795850000000',
        'PasswordTokens1795860000000',
        'IncidentRegimes1795870000000',
        'AuditChains1795871000000',
        'IncidentBatches1795872000000',
        'Offboarding1795873000000',
        'ErasableAuditValues1795874000000',

        'BatchDraftsAndAttempts1795874200000',
      ]);
      expect(await migrateUnderLock(ds)).toEqual([]);

      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('two instances starting at once apply each migration exactly once', async () => {
    const db = await createTestDatabase({ empty: true });
    const a = testDataSource({ kind: 'postgres', url: db.url, poolSize: 2 });
    const b = testDataSource({ kind: 'postgres', url: db.url, poolSize: 2 });
    await Promise.all([a.initialize(), b.initialize()]);
    try {
      const [ranA, ranB] = await Promise.all([migrateUnderLock(a), migrateUnderLock(b)]);
      expect([...ranA, ...ranB]).toEqual([
        'InitialSchema1764000000000',
        'AssessmentsAndDecisions1764100000000',
        'Notifications1764200000000',
        'Escalations1764300000000',
        'WebSessions1764400000000',
        'CalendarFeedGeneration1764500000000',
        'SignInAttemptsAndLargeCounts1764600000000',
        'AssessmentIncidentFacts1795750000000',
        'NotABreach1795760000000',
        'PublicLevelAndSectorProviders1795770000000',
        'EscalationSupersededAt1795780000000',
        'ApiTokenLifecycle1795790000000',
        'UserStatusAndLanguage1795800000000',
        'Obligations1795810000000',
        'IntakeFormFacts1795820000000',
        'EscalationsOnObligations1795830000000',
        'RetireClocks1795840000000',
        'Webhooks1795850000000',
        'PasswordTokens1795860000000',
        'IncidentRegimes1795870000000',
        'AuditChains1795871000000',
        'IncidentBatches1795872000000',
        'Offboarding1795873000000',
        'ErasableAuditValues1795874000000',

        'BatchDraftsAndAttempts1795874200000',
      ]);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
      await db.drop();
    }
  });

  it('SignInAttemptsAndLargeCounts keeps the counts of a filled database, takes counts past 2^31, and goes back down', async () => {
    const db = await createTestDatabase({ empty: true });
    const ds = dataSourceUpTo({ kind: 'postgres', url: db.url, poolSize: 2 }, 'SignInAttemptsAndLargeCounts1764600000000');
    await ds.initialize();
    try {
      await migrateUnderLock(ds);
      await ds.undoLastMigration(); // back to the schema before it, then fill that
      const org = '0197451c-ba00-7000-8000-000000000001';
      const user = '0197451c-ba00-7000-8000-000000000002';
      await ds.query(
        `INSERT INTO organization (id, slug, name, kind, country, sector, time_zone, created_at) VALUES ($1, 'c', 'C', 'controller', 'DE', 'private', 'Europe/Berlin', now())`,
        [org],
      );
      await ds.query(
        `INSERT INTO app_user (id, organization_id, email, role, locale, time_zone, created_at) VALUES ($1, $2, 'dpo@c.example', 'controller_dpo', 'de', 'Europe/Berlin', now())`,
        [user, org],
      );
      await ds.query(
        `INSERT INTO incident (id, reference, controller_id, reporter_org_id, reported_by_id, status, version, title, nature_description, discovered_at, approximate_subjects, approximate_records, affected_countries, created_at, updated_at)
         VALUES ('0197451c-ba00-7000-8000-000000000003', 'BC-2025-000001', $1, $1, $2, 'reported', 1, 't', 'd', now(), 2147483647, 5000000000, '{}', now(), now())`,
        [org, user],
      );
      await ds.query(
        `INSERT INTO login_failure (id, email, address, at) VALUES ('0197451c-ba00-7000-8000-000000000004', 'dpo@c.example', '127.0.0.1', now())`,
      );

      expect(await migrateUnderLock(ds)).toEqual(['SignInAttemptsAndLargeCounts1764600000000']);
      expect(await ds.query(`SELECT approximate_subjects::text AS s, approximate_records::text AS r FROM incident`)).toEqual([
        { s: '2147483647', r: '5000000000' },
      ]);
      await ds.query(`UPDATE incident SET approximate_subjects = 3000000000`);
      expect(await tables(ds)).toContain('sign_in_attempt');
      expect(await tables(ds)).not.toContain('login_failure');

      await ds.query(`UPDATE incident SET approximate_subjects = 1840`);
      await ds.undoLastMigration();
      expect(await ds.query(`SELECT approximate_subjects AS s FROM incident`)).toEqual([{ s: 1840 }]);
      expect(await tables(ds)).toContain('login_failure');
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
