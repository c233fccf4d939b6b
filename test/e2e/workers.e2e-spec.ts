import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestDatabase, TEST_ENGINE } from '../support/db';

const ROOT = path.resolve(__dirname, '../..');

interface Started {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ESCALATIONS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stdout!.on('data', (c: Buffer) => lines.push(...String(c).split('\n').filter(Boolean)));
  child.stderr!.on('data', (c: Buffer) => lines.push(String(c)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

// The processes whose parent is `pid`, from /proc.
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const healthy = async (port: number) => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200 ? true : undefined;
  } catch {
    return undefined;
  }
};

// WORKERS > 1 (docs/operations.md): a supervisor forks that many app processes sharing the port,
// replaces one that dies, and stops them all on SIGTERM.
describe('worker processes', () => {
  jest.setTimeout(90_000);

  it('serves the port from two workers, replaces a killed one, and stops them all on SIGTERM', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // workers need PostgreSQL
    const db = await createTestDatabase();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const server = start({ DATABASE_URL: db.url, PORT: String(port), WORKERS: '2' });
    try {
      const primary = server.child.pid!;
      const listening = () => server.lines.filter((l) => l.includes('"event":"worker.listening"'));
      await until('two listening workers', () => (listening().length >= 2 ? true : undefined));
      const workers = childrenOf(primary);
      expect(workers).toHaveLength(2);
      const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status)));
      expect(statuses).toEqual(Array(20).fill(200));

      // A worker killed outright is replaced; the port keeps answering meanwhile.
      process.kill(workers[0], 'SIGKILL');
      const replaced = await until('a new worker', () => {
        const now = childrenOf(primary);
        return now.length === 2 && !now.includes(workers[0]) && listening().length >= 3 ? now : undefined;
      });
      expect(replaced).toContain(workers[1]);
      expect(server.lines.some((l) => l.includes('"event":"worker.exited"') && l.includes('"signal":"SIGKILL"'))).toBe(true);
      expect(await healthy(port)).toBe(true);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(childrenOf(primary)).toEqual([]);
      for (const pid of replaced) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await server.exited;
      await db.drop();
    }
  });

  it('refuses WORKERS above 1 on the embedded database, naming the variable', async () => {
    const server = start({ WORKERS: '2', DATABASE_URL: '', DATA_DIR: fs.mkdtempSync('/tmp/bc-workers-') });
    expect(await server.exited).toBe(2);
    expect(server.lines.join('')).toContain('WORKERS more than 1 needs DATABASE_URL');
  });
});
