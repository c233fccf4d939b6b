import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, TEST_ENGINE } from '../support/db';
import { ProcessEnv, ServerProcess, allIncidents, cli, contractOf, engineEnv, filing, loadDemo } from '../support/server-process';

// `breachclock backup` while the real server runs and takes filings, `breachclock restore` into an
// empty target, and the app started on what was restored: every incident acknowledged before the
// backup is there, and the audit chain verifies. Both engines, and across them (the logical format).
describe('backup and restore', () => {
  jest.setTimeout(300_000);
  const dirs: string[] = [];
  const drops: (() => Promise<void>)[] = [];
  const servers: ServerProcess[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-bak-'));
    dirs.push(dir);
    return dir;
  };
  const database = async () => {
    const db = await createTestDatabase({ empty: true });
    drops.push(db.drop);
    return db.url;
  };
  const start = async (env: ProcessEnv) => {
    const server = await ServerProcess.start(env);
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    for (const s of servers) await s.kill9();
    for (const drop of drops) await drop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  // Files `count` incidents while `during` runs; returns the ids acknowledged before `during` began.
  async function fileWhile(server: ServerProcess, token: string, contractId: string, during: () => Promise<unknown>) {
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await server.request('POST', '/incidents', token, filing(contractId, `Before backup ${i}`));
      expect(res.status).toBe(201);
      acknowledged.push(((await res.json()) as { id: string }).id);
    }
    let stop = false;
    const meanwhile = (async () => {
      let n = 0;
      while (!stop) {
        const res = await server.request('POST', '/incidents', token, filing(contractId, `During backup ${n++}`));
        expect(res.status).toBe(201);
      }
    })();
    const result = await during();
    stop = true;
    await meanwhile;
    return { acknowledged, result };
  }

  async function restoredServes(env: ProcessEnv, file: string, dpo: string, expected: string[]) {
    const restored = await cli(env, 'restore', '--from', file);
    expect(restored.code).toBe(0);
    expect(restored.stdout[restored.stdout.length - 1]).toMatch(/^audit chain intact: \d+ events in \d+ chains$/);
    const server = await start(env);
    const ids = (await allIncidents(server, dpo)).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(expected));
    const verified = await cli(env, 'audit', 'verify');
    expect(verified.code).toBe(0);
    // A second restore into the now filled target is refused, and changes nothing.
    const again = await cli(env, 'restore', '--from', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/in use|not empty|tables/);
    expect((await allIncidents(server, dpo)).map((i) => i.id)).toEqual(ids);
    await server.stop();
    return ids;
  }

  it('embedded: backs up through the running server’s socket while filings go on, and restores into an empty data folder', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // makes its own PGlite
    const env = engineEnv({ dataDir: tmp() });
    const { dpo, processor } = await loadDemo(env);
    const server = await start(env);
    const contractId = await contractOf(server, processor);
    const file = path.join(tmp(), 'embedded.bak');
    const { acknowledged, result } = await fileWhile(server, processor, contractId, () => cli(env, 'backup', '--out', file));
    expect(result).toMatchObject({ code: 0 });
    expect((result as { stdout: string[] }).stdout[0]).toContain("through the running server's local socket");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await server.stop();

    // With the server stopped, the backup reads the files and says so.
    const offline = await cli(env, 'backup', '--out', path.join(tmp(), 'offline.bak'));
    expect(offline.stdout[0]).toContain('from the embedded data folder (no server was running)');

    const ids = await restoredServes(engineEnv({ dataDir: tmp() }), file, dpo, acknowledged);
    expect(ids.length).toBeGreaterThanOrEqual(acknowledged.length + 4); // and the demo's incidents

    // The same file restores into PostgreSQL: the logical format is one for both engines.
    await restoredServes(engineEnv({ url: await database() }), file, dpo, acknowledged);
  });

  it('PostgreSQL: wraps pg_dump -Fc while the server runs, and pg_restore into an empty database', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const env = engineEnv({ url: await database() });
    const { dpo, processor } = await loadDemo(env);
    const server = await start(env);
    const contractId = await contractOf(server, processor);
    const file = path.join(tmp(), 'pg.dump');
    const { acknowledged, result } = await fileWhile(server, processor, contractId, () => cli(env, 'backup', '--out', file));
    expect(result).toMatchObject({ code: 0 });
    expect((result as { stdout: string[] }).stdout[0]).toContain('pg_dump -Fc');
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    await server.stop();

    await restoredServes(engineEnv({ url: await database() }), file, dpo, acknowledged);
    // A pg_dump file cannot go into the embedded database, and says where it can go.
    const wrong = await cli(engineEnv({ dataDir: tmp() }), 'restore', '--from', file);
    expect(wrong).toMatchObject({ code: 1 });
    expect(wrong.stderr).toContain('restore it into PostgreSQL');
  });

  it('refuses a file that is not a backup, and one cut short, leaving the target empty', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const dir = tmp();
    const env = engineEnv({ dataDir: path.join(dir, 'source') });
    await loadDemo(env);
    const file = path.join(dir, 'demo.bak');
    expect((await cli(env, 'backup', '--out', file)).code).toBe(0);
    const junk = path.join(dir, 'junk.bak');
    fs.writeFileSync(junk, 'not a backup');
    const url = await database();
    const notOurs = await cli(engineEnv({ url }), 'restore', '--from', junk);
    expect(notOurs).toMatchObject({ code: 1 });
    expect(notOurs.stderr).toContain('not a breachclock backup');
    // Cut short: the whole file without its last line (the row counts), gzip'd again.
    const zlib = await import('node:zlib');
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
    const cut = path.join(dir, 'cut.bak');
    fs.writeFileSync(cut, zlib.gzipSync(`${text.slice(0, -1).join('\n')}\n`));
    const short = await cli(engineEnv({ url }), 'restore', '--from', cut);
    expect(short).toMatchObject({ code: 1 });
    expect(short.stderr).toContain('incomplete');
    // The failed attempt left the database empty: the whole file goes in without --force.
    const whole = await cli(engineEnv({ url }), 'restore', '--from', file);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain('incidents: 4');
    const bad = await cli(engineEnv({ url }), 'backup', '--out', junk, '--format', 'zip');
    expect(bad.code).toBe(2);
  });
});
