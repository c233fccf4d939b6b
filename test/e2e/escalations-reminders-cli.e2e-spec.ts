import { Client } from 'pg';
import { main } from '../../src/cli/main';
import { createTestDatabase } from '../support/db';

// The reminder policy from the CLI: per organization (org reminders) and per contract (--reminders).
describe('breachclock CLI: reminders of duties without a deadline', () => {
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

  async function cli(...args: string[]): Promise<{ code: number; stdout: string[]; stderr: string }> {
    const out: string[] = [];
    let err = '';
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    try {
      return { code: await main(args), stdout: out, stderr: err };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  async function sql(text: string): Promise<unknown[]> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('sets the organization interval, off and back to the default; the contract has its own', async () => {
    for (const [slug, kind] of [
      ['swiss', 'controller'],
      ['mailer', 'processor'],
    ])
      expect((await cli('org', 'create', '--slug', slug, '--name', slug, '--kind', kind, '--country', 'CH')).code).toBe(0);
    const every = async (value: string) => cli('org', 'reminders', '--slug', 'swiss', '--every', value);
    const stored = () => sql(`SELECT reminder_every_minutes AS m FROM organization WHERE slug = 'swiss'`);

    expect((await every('12h')).stdout).toEqual(['12h']);
    expect(await stored()).toEqual([{ m: 720 }]);
    expect((await every('off')).stdout).toEqual(['off']);
    expect(await stored()).toEqual([{ m: 0 }]);
    const refused = await every('hourly');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('reminders');
    expect(await stored()).toEqual([{ m: 0 }]);
    expect((await every('default')).stdout).toEqual(['default']);
    expect(await stored()).toEqual([{ m: null }]);
    expect((await cli('org', 'reminders', '--slug', 'nobody', '--every', '24h')).code).not.toBe(0);

    const contract = await cli(
      'contract',
      'create',
      '--controller',
      'swiss',
      '--processor',
      'mailer',
      '--reference',
      'AVV 1',
      '--reminders',
      '2d',
    );
    expect(contract.code).toBe(0);
    expect(await sql(`SELECT reminder_every_minutes AS m FROM contract`)).toEqual([{ m: 2880 }]);
    const audit = await sql(
      `SELECT action, changes FROM audit_event WHERE action = 'organization.reminders_changed' ORDER BY occurred_at, id`,
    );
    expect(audit).toHaveLength(3);
  });
});
