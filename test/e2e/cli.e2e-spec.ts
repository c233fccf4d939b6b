import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { main } from '../../src/cli/main';
import { createTestDatabase } from '../support/db';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

// The CLI of design.md §2, in-process against a fresh PostgreSQL database; and once as the bin.
describe('breachclock CLI', () => {
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
      const code = await main(args);
      return { code, stdout: out, stderr: err };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  it('creates organizations, a contract (printing its id), users and a token shown once', async () => {
    const ctrl = await cli(
      'org',
      'create',
      '--slug',
      'acme',
      '--name',
      'ACME GmbH',
      '--kind',
      'controller',
      '--country',
      'DE',
      '--region',
      'DE-HE',
      '--dpo-name',
      'Dana',
      '--dpo-email',
      'dpo@acme.example',
    );
    expect(ctrl.code).toBe(0);
    expect(ctrl.stdout).toHaveLength(1);
    const proc = await cli(
      'org',
      'create',
      '--slug',
      'mailer',
      '--name',
      'Mailer GmbH',
      '--kind',
      'processor',
      '--country',
      'DE',
      '--region',
      'DE-BW',
    );
    expect(proc.code).toBe(0);

    const contract = await cli(
      'contract',
      'create',
      '--controller',
      'acme',
      '--processor',
      'mailer',
      '--reference',
      'AVV 2024-01',
      '--notice-hours',
      '12',
    );
    expect(contract.code).toBe(0);
    const contractId = contract.stdout[contract.stdout.length - 1];
    expect(contractId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await sql('SELECT reference, processor_notice_hours FROM contract WHERE id = $1', [contractId])).toEqual([
      { reference: 'AVV 2024-01', processor_notice_hours: 12 },
    ]);

    expect(
      (
        await cli(
          'user',
          'create',
          '--org',
          'acme',
          '--email',
          'DPO@acme.example',
          '--role',
          'controller_dpo',
          '--password',
          'correct horse battery',
        )
      ).code,
    ).toBe(0);
    const [user] = await sql('SELECT email, role, password_hash FROM app_user');
    expect(user.email).toBe('dpo@acme.example');
    expect(user.password_hash).toMatch(/^\$argon2id\$/);

    const token = await cli('token', 'create', '--email', 'dpo@acme.example');
    expect(token.code).toBe(0);
    const secret = token.stdout[token.stdout.length - 1];
    expect(secret).toMatch(/^bc_[A-Za-z0-9_-]{43}$/);
    const stored = await sql('SELECT token_hash FROM api_token');
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('names tokens and gives them an expiry, lists them without their secrets, and revokes them by id', async () => {
    const made = await cli('token', 'create', '--email', 'dpo@acme.example', '--name', 'ticket system', '--expires-in', '90d');
    expect(made.code).toBe(0);
    const secret = made.stdout[made.stdout.length - 1];
    expect(secret).toMatch(/^bc_[A-Za-z0-9_-]{43}$/);
    expect(made.stderr).toMatch(/Token [0-9a-f-]{36} \("ticket system"\) expires \d{4}-\d{2}-\d{2}T/);
    const [row] = await sql(`SELECT id, name, expires_at - created_at AS lifetime FROM api_token WHERE name = 'ticket system'`);
    expect(row.lifetime).toEqual({ days: 90 });

    const listed = await cli('token', 'list', '--email', 'dpo@acme.example');
    expect(listed.code).toBe(0);
    expect(listed.stdout[0].split('\t')).toEqual(['id', 'status', 'created', 'expires', 'last used', 'name']);
    const line = listed.stdout.find((l) => l.startsWith(row.id))!.split('\t');
    expect([line[1], line[4], line[5]]).toEqual(['active', '-', 'ticket system']);
    expect(listed.stdout.join('\n')).not.toContain(secret);
    expect(listed.stdout).toHaveLength(3); // the header, this token and the one of the test before

    const revoked = await cli('token', 'revoke', row.id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout[0]).toMatch(new RegExp(`^revoked ${row.id} \\("ticket system"\\) at `));
    expect((await cli('token', 'list', '--email', 'dpo@acme.example')).stdout.find((l) => l.startsWith(row.id))).toContain('\trevoked\t');
    const [event] = await sql(`SELECT actor, changes FROM audit_event WHERE action = 'api_token.revoked' AND entity_id = $1`, [row.id]);
    expect(event.actor).toBe('cli');

    const bad = await cli('token', 'create', '--email', 'dpo@acme.example', '--expires-in', '90');
    expect([bad.code, /expiresIn/.test(bad.stderr)]).toEqual([1, true]);
    const unknown = await cli('token', 'revoke', '0197451c-ba00-7000-8000-00000000dead');
    expect([unknown.code, /No API token/.test(unknown.stderr)]).toEqual([1, true]);
    expect((await cli('token', 'revoke', 'nope')).code).toBe(1);
    expect((await cli('token', 'list', '--email', 'nobody@acme.example')).code).toBe(1);
  });

  it('refuses bad input with the field named and exit code 1, changing nothing', async () => {
    const before = await sql('SELECT count(*)::int AS n FROM organization');
    const bad = await cli('org', 'create', '--slug', 'x y', '--name', 'X', '--kind', 'bank', '--country', 'DE', '--region', 'DE-XX');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('slug');
    expect(bad.stderr).toContain('kind');
    expect(await sql('SELECT count(*)::int AS n FROM organization')).toEqual(before);
    const region = await cli(
      'org',
      'create',
      '--slug',
      'okslug',
      '--name',
      'X',
      '--kind',
      'controller',
      '--country',
      'DE',
      '--region',
      'DE-XX',
    );
    expect(region.code).toBe(1);
    expect(region.stderr).toMatch(/region: must be one of DE-BW/);
    const missing = await cli('contract', 'create', '--controller', 'acme');
    expect(missing.code).toBe(2);
  });

  it('records the level of a public body and the telecom and postal markers, and refuses a German public body without its level', async () => {
    const federal = await cli(
      'org',
      'create',
      '--slug',
      'bundesamt',
      '--name',
      'Bundesamt für Beispiele',
      '--kind',
      'controller',
      '--country',
      'DE',
      '--region',
      'DE-NW',
      '--sector',
      'public',
      '--public-level',
      'federal',
    );
    expect(federal.code).toBe(0);
    const telecom = await cli(
      'org',
      'create',
      '--slug',
      'netco',
      '--name',
      'NetCo GmbH',
      '--kind',
      'both',
      '--country',
      'DE',
      '--region',
      'DE-BW',
      '--telecom',
    );
    expect(telecom.code).toBe(0);
    expect(
      (
        await cli(
          'org',
          'create',
          '--slug',
          'postco',
          '--name',
          'PostCo GmbH',
          '--kind',
          'controller',
          '--country',
          'DE',
          '--region',
          'DE-HE',
          '--postal',
        )
      ).code,
    ).toBe(0);
    expect(
      await sql(
        `SELECT slug, sector, public_level, telecom, postal FROM organization WHERE slug IN ('bundesamt', 'netco', 'postco') ORDER BY slug`,
      ),
    ).toEqual([
      { slug: 'bundesamt', sector: 'public', public_level: 'federal', telecom: false, postal: false },
      { slug: 'netco', sector: 'private', public_level: null, telecom: true, postal: false },
      { slug: 'postco', sector: 'private', public_level: null, telecom: false, postal: true },
    ]);
    const without = await cli(
      'org',
      'create',
      '--slug',
      'stadt',
      '--name',
      'Stadt Beispiel',
      '--kind',
      'controller',
      '--country',
      'DE',
      '--region',
      'DE-BY',
      '--sector',
      'public',
    );
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/publicLevel: is required for a German public body/);
    const landWithoutRegion = await cli(
      'org',
      'create',
      '--slug',
      'stadt',
      '--name',
      'Stadt Beispiel',
      '--kind',
      'controller',
      '--country',
      'DE',
      '--sector',
      'public',
      '--public-level',
      'state',
    );
    expect(landWithoutRegion.stderr).toMatch(/region: is required for a public body of a Land/);
    const privateLevel = await cli(
      'org',
      'create',
      '--slug',
      'stadt',
      '--name',
      'Stadt GmbH',
      '--kind',
      'controller',
      '--country',
      'DE',
      '--region',
      'DE-BY',
      '--public-level',
      'state',
    );
    expect(privateLevel.stderr).toMatch(/publicLevel: applies to public bodies only/);
    const wrong = await cli(
      'org',
      'create',
      '--slug',
      'stadt',
      '--name',
      'Stadt Beispiel',
      '--kind',
      'controller',
      '--country',
      'DE',
      '--region',
      'DE-BY',
      '--sector',
      'public',
      '--public-level',
      'city',
    );
    expect(wrong.stderr).toMatch(/publicLevel/);
    expect(await sql(`SELECT count(*)::int AS n FROM organization WHERE slug = 'stadt'`)).toEqual([{ n: 0 }]);
  });

  it('loads the demo and prints a token per demo user', async () => {
    const demo = await cli('demo');
    expect(demo.code).toBe(0);
    expect(demo.stdout[0]).toBe('Demo data loaded.');
    expect(demo.stdout.filter((l) => /\sbc_[A-Za-z0-9_-]{43}$/.test(l))).toHaveLength(4);
    const rows = await sql(`SELECT status, count(*)::int AS n FROM incident GROUP BY status ORDER BY status`);
    expect(rows).toEqual([
      { status: 'draft', n: 1 },
      { status: 'notified', n: 1 },
      { status: 'reported', n: 2 },
    ]);
    expect((await cli('demo')).stdout[0]).toBe('Demo data was loaded before; new tokens follow.');
  });

  it('audit verify exits 0 on an intact chain and 1 on a broken one', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout[0]).toMatch(/^audit chain intact: \d+ events in \d+ chains$/);

    await sql('ALTER TABLE audit_event DISABLE TRIGGER tr_audit_event__append_only');
    await sql(`DELETE FROM audit_event WHERE seq = (SELECT min(seq) + 2 FROM audit_event)`);
    await sql('ALTER TABLE audit_event ENABLE TRIGGER tr_audit_event__append_only');
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/audit chain \S+ BROKEN at event seq \d+ .*prev_hash_mismatch/);
  });

  it('works as the breachclock bin: token create prints the token alone on the last line', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(ROOT, 'bin/breachclock.js'), 'token', 'create', '--email', 'dpo@acme.example'],
      {
        env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'error' },
        cwd: ROOT,
      },
    );
    const lines = stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^bc_[A-Za-z0-9_-]{43}$/);
  });
});
