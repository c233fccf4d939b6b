import { QueryFailedError } from 'typeorm';
import { startTestApp, TestApp } from '../../../test/support/test-app';
import { ObligationsRepository } from '../../obligations/obligations.repository';
import { Database } from './database';
import { execute } from './execute';

// execute(…, { prepare: true }): on PostgreSQL a named statement, parsed and planned once per session;
// on PGlite's shared single session the plain statement. Either way the same rows, counts and errors.
describe.each(['postgres', 'pglite'] as const)('execute with prepare on %s', (engine) => {
  let app: TestApp;
  let db: Database;
  beforeAll(async () => {
    app = await startTestApp({ engine });
    db = app.get(Database);
  });
  afterAll(() => app.close());

  const ours = (sql: string) =>
    db.transaction(async (tx) => {
      await execute(tx, sql, ['prepare-probe'], { prepare: true });
      const { rows } = await execute<{ name: string; statement: string }>(
        tx,
        `SELECT name, statement FROM pg_prepared_statements WHERE statement = $1`,
        [sql],
      );
      return rows;
    });

  it('gives the rows, counts and driver errors the plain statement gives', async () => {
    const insert = `INSERT INTO app_setting (key, value) VALUES ($1, $2)`;
    await db.transaction((tx) => execute(tx, insert, ['prepared-1', 'a'], { prepare: true }));
    const update = `UPDATE app_setting SET value = $2 WHERE key LIKE $1`;
    const plain = await db.transaction((tx) => execute(tx, update, ['prepared-%', 'b']));
    const prepared = await db.transaction((tx) => execute(tx, update, ['prepared-%', 'c'], { prepare: true }));
    expect([plain.affected, prepared.affected]).toEqual([1, 1]);
    const select = `SELECT key, value FROM app_setting WHERE key LIKE $1 ORDER BY key`;
    expect(await db.read((m) => execute(m, select, ['prepared-%'], { prepare: true }))).toEqual(
      await db.read((m) => execute(m, select, ['prepared-%'])),
    );
    expect((await db.read((m) => execute(m, select, ['prepared-%'], { prepare: true }))).rows).toEqual([{ key: 'prepared-1', value: 'c' }]);
    const duplicate = await db.transaction((tx) => execute(tx, insert, ['prepared-1', 'd'], { prepare: true })).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(QueryFailedError);
    expect((duplicate as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
    expect((await db.read((m) => execute(m, select, ['prepared-%']))).rows).toEqual([{ key: 'prepared-1', value: 'c' }]);
  });

  if (engine === 'postgres') {
    it('prepares a statement under one name per text, in the session that runs it', async () => {
      const sql = `SELECT count(*)::int AS n FROM app_setting WHERE key = $1`;
      const first = await ours(sql);
      expect(first).toHaveLength(1);
      expect(first[0].name).toMatch(/^bc_[0-9a-f]{24}$/);
      const other = await ours(`${sql} AND value IS NOT NULL`);
      expect(other[0].name).not.toBe(first[0].name);
    });

    // The filing's facts statement (IDs through ANY_OF_IDS): after PostgreSQL's five custom plans it
    // keeps the generic one. Written with the array in the condition, it is planned at every run.
    it('keeps one plan of the facts statement in a session, whatever the number of incidents', async () => {
      const repo = app.get(ObligationsRepository);
      const plans = await db.transaction(async (tx) => {
        for (let n = 1; n <= 8; n++) {
          const ids = Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
          await repo.factsOfMany(tx, ids, { fixRegimes: true });
        }
        const { rows } = await execute<{ generic_plans: string; custom_plans: string }>(
          tx,
          `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO incident_regimes%'`,
        );
        return rows;
      });
      expect(plans).toHaveLength(1);
      expect(Number(plans[0].generic_plans)).toBeGreaterThanOrEqual(3);
    });

    it('prepares nothing with DATABASE_PREPARED_STATEMENTS=off (a pooler that moves statements between sessions)', async () => {
      const off = await startTestApp({ engine, databaseUrl: app.databaseUrl, env: { DATABASE_PREPARED_STATEMENTS: 'off' } });
      try {
        const sql = `SELECT count(*)::int AS n FROM app_setting WHERE key = $1 AND key <> 'off'`;
        const rows = await off.get(Database).transaction(async (tx) => {
          expect((await execute(tx, sql, ['prepare-probe'], { prepare: true })).rows).toEqual([{ n: 0 }]);
          return (await execute(tx, `SELECT name FROM pg_prepared_statements WHERE statement = $1`, [sql])).rows;
        });
        expect(rows).toEqual([]);
      } finally {
        await off.close();
      }
    });
  } else {
    it('runs the plain statement on the shared session: nothing is left prepared there', async () => {
      expect(await ours(`SELECT count(*)::int AS n FROM app_setting WHERE key = $1`)).toEqual([]);
    });
  }
});
