import { Client } from 'pg';
import { main } from '../../src/cli/main';
import { createTestDatabase } from '../support/db';

// org create marks NIS2 and DORA entities (issue 14), in-process against a fresh database.
describe('breachclock org create --nis2 / --dora', () => {
  let db: { url: string; drop: () => Promise<void> };
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.LOG_LEVEL = 'error';
  });
  afterAll(async () => {
    process.env = savedEnv;
    await db.drop();
  });

  async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
    let err = '';
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    try {
      return { code: await main(args), stderr: err };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  const create = (slug: string, ...flags: string[]) =>
    cli('org', 'create', '--slug', slug, '--name', slug, '--kind', 'controller', '--country', 'DE', '--region', 'DE-HE', ...flags);

  it('records the NIS2 class and the DORA marker, nothing by default, and refuses an unknown class', async () => {
    expect((await create('bank', '--nis2', 'essential', '--dora')).code).toBe(0);
    expect((await create('cloud', '--nis2', 'important')).code).toBe(0);
    expect((await create('shop')).code).toBe(0);
    const bad = await create('other', '--nis2', 'huge');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/nis2: must be one of the following values: essential, important/);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT slug, nis2, dora FROM organization ORDER BY slug`);
      expect(rows).toEqual([
        { slug: 'bank', nis2: 'essential', dora: true },
        { slug: 'cloud', nis2: 'important', dora: false },
        { slug: 'shop', nis2: null, dora: false },
      ]);
      const audit = await client.query(
        `SELECT changes->'nis2'->>'to' AS nis2, changes->'dora'->>'to' AS dora FROM audit_event WHERE entity_id = (SELECT id FROM organization WHERE slug = 'bank')`,
      );
      expect(audit.rows).toEqual([{ nis2: 'essential', dora: 'true' }]);
    } finally {
      await client.end();
    }
  });
});
