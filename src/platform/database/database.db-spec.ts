import { startTestApp, TestApp } from '../../../test/support/test-app';
import { Database } from './database';

// read() cannot write, on both engines: a write there fails; transaction() and write() can.
describe.each(['postgres', 'pglite'] as const)('Database on %s', (engine) => {
  let app: TestApp;
  let db: Database;
  beforeAll(async () => {
    app = await startTestApp({ engine });
    db = app.get(Database);
  });
  afterAll(() => app.close());

  const setting = (key: string) => db.read((m) => m.query(`SELECT value FROM app_setting WHERE key = $1`, [key]));

  it('refuses a write inside read()', async () => {
    await expect(db.read((m) => m.query(`INSERT INTO app_setting (key, value) VALUES ('read-only-probe', 'x')`))).rejects.toThrow(
      /read-only transaction/,
    );
    expect(await setting('read-only-probe')).toEqual([]);
  });

  it('reads again after a refused write, and writes in transaction() and write(), also when started inside read()', async () => {
    await db.transaction((tx) => tx.query(`INSERT INTO app_setting (key, value) VALUES ('probe-1', 'a')`));
    await db.write((tx) => tx.query(`INSERT INTO app_setting (key, value) VALUES ('probe-2', 'b')`));
    await db.read(async () => db.transaction((tx) => tx.query(`INSERT INTO app_setting (key, value) VALUES ('probe-3', 'c')`)));
    expect([await setting('probe-1'), await setting('probe-2'), await setting('probe-3')]).toEqual([
      [{ value: 'a' }],
      [{ value: 'b' }],
      [{ value: 'c' }],
    ]);
  });

  it('runs the statements of one read side by side without error', async () => {
    const rows = await db.read((m) => Promise.all([1, 2, 3].map((n) => m.query(`SELECT $1::int AS n`, [n]))));
    expect(rows.map((r) => r[0].n)).toEqual([1, 2, 3]);
  });
});
