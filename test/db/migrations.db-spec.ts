import { migrateUnderLock } from '../../src/platform/database/migrate';
import { createTestDatabase, testDataSource } from '../support/db';

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
      expect(applied).toEqual(['InitialSchema1764000000000', 'AssessmentsAndDecisions1764100000000', 'Notifications1764200000000', 'Escalations1764300000000', 'WebSessions1764400000000', 'CalendarFeedGeneration1764500000000', 'SignInAttemptsAndLargeCounts1764600000000']);
      expect(await tables(ds)).toEqual(['api_token', 'app_setting', 'app_user', 'assessment', 'audit_event', 'contract', 'deadline', 'decision', 'digest', 'escalation', 'incident', 'notification', 'organization', 'sign_in_attempt', 'web_session']);

      while ((await ds.query(`SELECT count(*)::int AS n FROM migrations`))[0].n > 0) await ds.undoLastMigration();
      expect(await tables(ds)).toEqual([]);

      expect(await migrateUnderLock(ds)).toEqual(['InitialSchema1764000000000', 'AssessmentsAndDecisions1764100000000', 'Notifications1764200000000', 'Escalations1764300000000', 'WebSessions1764400000000', 'CalendarFeedGeneration1764500000000', 'SignInAttemptsAndLargeCounts1764600000000']);
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
      expect([...ranA, ...ranB]).toEqual(['InitialSchema1764000000000', 'AssessmentsAndDecisions1764100000000', 'Notifications1764200000000', 'Escalations1764300000000', 'WebSessions1764400000000', 'CalendarFeedGeneration1764500000000', 'SignInAttemptsAndLargeCounts1764600000000']);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
      await db.drop();
    }
  });
});
