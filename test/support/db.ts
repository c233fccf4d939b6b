import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from '../../src/entities';
import { buildDataSource, DatabaseTarget } from '../../src/platform/database/data-source';

// Tests run against real PostgreSQL (schema from migrations, never synchronize). The admin URL
// points at a server where the test user may CREATE DATABASE.
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// One migrated template per test run (global setup names it after its process), so two runs on one
// server — a developer's and CI's — never drop each other's template.
export const templateDb = (): string => process.env.BREACHCLOCK_TEMPLATE_DB ?? 'breachclock_test_template';

// Which engine the e2e suite runs on: real PostgreSQL (default) or the embedded PGlite.
export const TEST_ENGINE: 'postgres' | 'pglite' = process.env.BREACHCLOCK_TEST_DB === 'pglite' ? 'pglite' : 'postgres';

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// A fresh database cloned from the migrated template: fast, isolated, and schema from migrations.
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `breachclock_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${templateDb()}`));
  return {
    url: urlFor(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export function testDataSource(target: DatabaseTarget): DataSource {
  return buildDataSource(target, ENTITIES, MIGRATIONS);
}

// A data source that knows the migrations up to and including `last`: for filling the schema a
// migration finds, and running exactly that migration on it.
export function dataSourceUpTo(target: DatabaseTarget, last: string): DataSource {
  const index = MIGRATIONS.findIndex((m) => new m().name === last);
  if (index < 0) throw new Error(`no migration ${last}`);
  return buildDataSource(target, [], MIGRATIONS.slice(0, index + 1));
}
