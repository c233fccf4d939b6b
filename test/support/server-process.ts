import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';

// The real server and the real `breachclock` command as separate processes, for the operations drills
// (backup and restore, kill -9): built code from dist/, configured only through the environment.
const ROOT = path.resolve(__dirname, '../..');
const exec = promisify(execFile);

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type ProcessEnv = Record<string, string>;

// Either DATABASE_URL (PostgreSQL) or DATA_DIR (embedded) picks the engine.
export function engineEnv(target: { url: string } | { dataDir: string }): ProcessEnv {
  const base = { ...(process.env as ProcessEnv), LOG_FORMAT: 'json', LOG_LEVEL: 'info', ESCALATIONS: 'off' };
  return 'url' in target ? { ...base, DATABASE_URL: target.url } : { ...base, DATABASE_URL: '', DATA_DIR: target.dataDir };
}

export interface CliResult {
  code: number;
  stdout: string[];
  stderr: string;
}

export function cli(env: ProcessEnv, ...args: string[]): Promise<CliResult> {
  return exec(process.execPath, [path.join(ROOT, 'bin/breachclock.js'), ...args], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout.trim().split('\n'), stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout.trim().split('\n'), stderr: e.stderr }),
  );
}

export class ServerProcess {
  private output = '';
  // Set the moment a kill is decided, before the process is gone: requests failing from then on are expected.
  killed = false;

  private constructor(
    readonly child: ChildProcess,
    readonly api: string,
  ) {
    child.stdout!.on('data', (c: Buffer) => (this.output += String(c)));
    child.stderr!.on('data', (c: Buffer) => (this.output += String(c)));
  }

  static async start(env: ProcessEnv): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    const until = Date.now() + 90_000;
    while (!server.output.includes('"event":"http.listening"')) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`the server did not start: ${server.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return server;
  }

  get log(): string {
    return this.output;
  }

  // No shutdown, no flush: the process is gone between two instructions.
  async kill9(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.killed = true;
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  async request(method: string, url: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.api}/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

export interface DemoParties {
  dpo: string; // controller_dpo dpo@i-secon.example
  processor: string; // processor_staff security@rapidmail.example
  contractId: string; // the processor's DPA with the controller
}

// `breachclock demo` on the target, then the contract the processor files under (read from the server).
export async function loadDemo(env: ProcessEnv): Promise<Omit<DemoParties, 'contractId'>> {
  const demo = await cli(env, 'demo');
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  const token = (email: string) =>
    demo.stdout
      .find((l) => l.includes(` ${email} `))!
      .trim()
      .split(/\s+/)
      .pop()!;
  return { dpo: token('dpo@i-secon.example'), processor: token('security@rapidmail.example') };
}

export async function contractOf(server: ServerProcess, processorToken: string): Promise<string> {
  const res = await server.request('GET', '/contracts', processorToken);
  const { items } = (await res.json()) as { items: { id: string; controller: { name: string } }[] };
  return items.find((c) => c.controller.name.startsWith('i-SECON'))!.id;
}

export function filing(contractId: string, title: string): Record<string, unknown> {
  return {
    contractId,
    title,
    nature: { description: 'A drill: a mailing list export was reachable without login.', types: ['confidentiality'] },
    discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
    approximateSubjects: { count: 120, isEstimate: true },
  };
}

// Every incident the token's side can see, following nextCursor.
export async function allIncidents(server: ServerProcess, token: string): Promise<{ id: string; title: string }[]> {
  const all: { id: string; title: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await server.request('GET', `/incidents?limit=100${cursor ? `&cursor=${cursor}` : ''}`, token);
    if (res.status !== 200) throw new Error(`GET /incidents: ${res.status}`);
    const page = (await res.json()) as { items: { id: string; title: string }[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
