import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from '../../src/entities';
import { buildDataSource } from '../../src/platform/database/data-source';
import { migrateUnderLock } from '../../src/platform/database/migrate';
import { ADMIN_URL, TEMPLATE_DB, urlFor, withAdmin } from './db';

// Migrates a template database once per run; every test file clones it (CREATE DATABASE … TEMPLATE).
export default async function globalSetup(): Promise<void> {
  try {
    await withAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    });
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${ADMIN_URL} (start it, or set TEST_DATABASE_ADMIN_URL): ${(error as Error).message}`);
  }
  const dataSource = buildDataSource({ kind: 'postgres', url: urlFor(TEMPLATE_DB), poolSize: 2 }, ENTITIES, MIGRATIONS);
  await dataSource.initialize();
  await migrateUnderLock(dataSource);
  await dataSource.destroy();
}
