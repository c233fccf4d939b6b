import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { TEST_ENGINE } from '../support/db';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(check: () => boolean, what: string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The real server on the embedded database in one process, the CLI, psql and pg_dump in others:
// they reach its data through the server's local socket while it runs, and the files once it stopped.
describe('the CLI beside the running server (embedded database)', () => {
  jest.setTimeout(180_000);
  let dataDir: string;
  let server: ChildProcess | undefined;
  let log = '';
  let api: string;
  const env = () => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info', LOG_FORMAT: 'json' });

  beforeAll(async () => {
    if (TEST_ENGINE === 'pglite') return; // runs once, in the suite's PostgreSQL pass; it makes its own PGlite
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-cli-'));
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: { ...env(), PORT: String(port), ESCALATIONS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (c: Buffer) => (log += String(c)));
    server.stderr!.on('data', (c: Buffer) => (log += String(c)));
    await waitFor(() => log.includes('"event":"http.listening"') || server!.exitCode !== null, 'the server to listen');
    expect(log).toContain('"event":"pglite_socket.listening"');
  });
  afterAll(async () => {
    if (TEST_ENGINE === 'pglite') return;
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    run(process.execPath, [path.join(ROOT, 'bin/breachclock.js'), ...args], { cwd: ROOT, env: env() }).then(
      (r) => ({ code: 0, stdout: r.stdout.trim().split('\n'), stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout.trim().split('\n'), stderr: e.stderr }),
    );
  const psql = (sql: string) => run('psql', ['-h', path.join(dataDir, 'socket'), '-U', 'postgres', '-d', 'postgres', '-At', '-c', sql]);

  it('runs org create, user create, token create and audit verify while the server serves requests, through its socket', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    expect(fs.statSync(path.join(dataDir, 'socket')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, 'socket', '.s.PGSQL.5432')).mode & 0o777).toBe(0o600);

    const org = await cli(
      'org',
      'create',
      '--slug',
      'beside',
      '--name',
      'Beside GmbH',
      '--kind',
      'controller',
      '--country',
      'DE',
      '--region',
      'DE-HE',
    );
    expect(org).toMatchObject({ code: 0 });
    const user = await cli('user', 'create', '--org', 'beside', '--email', 'admin@beside.example', '--role', 'org_admin');
    expect(user.code).toBe(0);
    const made = await cli('token', 'create', '--email', 'admin@beside.example', '--name', 'beside the server', '--expires-in', '30d');
    expect(made.code).toBe(0);
    const token = made.stdout[made.stdout.length - 1];
    expect(token).toMatch(/^bc_[A-Za-z0-9_-]{43}$/);

    // The server sees at once what the CLI wrote, and the CLI what the server wrote.
    const listed = await fetch(`${api}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: { name: string }[] }).items.map((x) => x.name)).toEqual(['beside the server']);
    const invited = await fetch(`${api}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dpo@beside.example', role: 'controller_dpo' }),
    });
    expect(invited.status).toBe(201);

    // Commands and requests at the same time: each command's transactions run whole, between requests.
    const requests = Array.from({ length: 20 }, () =>
      fetch(`${api}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status),
    );
    const commands = [
      cli(
        'org',
        'create',
        '--slug',
        'beside-p',
        '--name',
        'Beside Processor GmbH',
        '--kind',
        'processor',
        '--country',
        'DE',
        '--region',
        'DE-BW',
      ),
      cli('token', 'create', '--email', 'dpo@beside.example'),
      cli('token', 'list', '--email', 'admin@beside.example'),
    ];
    const [statuses, results] = await Promise.all([Promise.all(requests), Promise.all(commands)]);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(results[1].stdout[results[1].stdout.length - 1]).toMatch(/^bc_/);

    const verified = await cli('audit', 'verify');
    expect(verified).toMatchObject({
      code: 0,
      stdout: expect.arrayContaining([expect.stringMatching(/^audit chain intact: 6 events in \d+ chains$/)]),
    });
  });

  it('answers psql on the same socket, with the same data', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const { stdout } = await psql(`SELECT slug FROM organization ORDER BY slug`);
    expect(stdout.trim().split('\n')).toEqual(['beside', 'beside-p']);
    // A psql session's settings stay its own: the server's next request works as before.
    await psql(`SET search_path = ''; SELECT 1`);
    const health = await fetch(`${api}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('lets pg_dump connect (a dump needs pg_dump 18 or newer, the embedded PostgreSQL version)', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const version = Number(/(\d+)\./.exec((await run('pg_dump', ['--version'])).stdout)![1]);
    const dump = run('pg_dump', ['-h', path.join(dataDir, 'socket'), '-U', 'postgres', '--schema-only', 'postgres']);
    if (version >= 18) {
      expect((await dump).stdout).toContain('CREATE TABLE public.audit_event');
    } else {
      // Older clients reach the server and stop at its version check (Debian 12 ships pg_dump 15).
      await expect(dump).rejects.toMatchObject({ stderr: expect.stringMatching(/server version mismatch[\s\S]*server version: 18\./) });
    }
  });

  it('opens the files directly once the server has stopped, as before', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    server!.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    expect(fs.existsSync(path.join(dataDir, 'socket', '.s.PGSQL.5432'))).toBe(false);
    const verified = await cli('audit', 'verify');
    expect(verified).toMatchObject({
      code: 0,
      stdout: expect.arrayContaining([expect.stringMatching(/^audit chain intact: 6 events in \d+ chains$/)]),
    });
    expect(verified.stderr).not.toContain('in use');
  });
});
