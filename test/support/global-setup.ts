import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from '../../src/entities';
import { buildDataSource } from '../../src/platform/database/data-source';
import { migrateUnderLock } from '../../src/platform/database/migrate';
import { ADMIN_URL, templateDb, urlFor, withAdmin } from './db';

// Migrates a template database once per run; every test file clones it (CREATE DATABASE … TEMPLATE).
export default async function globalSetup(): Promise<void> {
  process.env.BREACHCLOCK_TEMPLATE_DB = `breachclock_test_template_${process.pid}`;
  const TEMPLATE_DB = templateDb();
  // The CLI test runs the compiled bin; tsc is incremental, so this is quick when nothing changed.
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  try {
    await withAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    });
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${ADMIN_URL} (start it, or set TEST_DATABASE_ADMIN_URL): ${(error as Error).message}`, {
      cause: error,
    });
  }
  const dataSource = buildDataSource({ kind: 'postgres', url: urlFor(TEMPLATE_DB), poolSize: 2 }, ENTITIES, MIGRATIONS);
  await dataSource.initialize();
  await migrateUnderLock(dataSource);
  await dataSource.destroy();
}
