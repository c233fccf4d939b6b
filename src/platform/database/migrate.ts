import { DataSource } from 'typeorm';

// Any constant shared by all instances; "breachclock:migrations" folded into a bigint.
export const MIGRATIONS_LOCK_KEY = 7_263_118_004_211_337n;

// Runs pending migrations while holding a session-level advisory lock, so several instances
// starting at once migrate one after the other; the later ones find nothing to do.
export async function migrateUnderLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_KEY.toString()]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_KEY.toString()]);
    }
  } finally {
    await runner.release();
  }
}
