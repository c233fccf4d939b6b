import { templateDb, withAdmin } from './db';

// Drops this run's template database.
export default async function globalTeardown(): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${templateDb()} WITH (FORCE)`));
}
