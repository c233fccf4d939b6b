import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createHttpApp, openDatabase, Opened } from '../../src/app';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createLogger } from '../../src/platform/logging/logger';
import { createTestDatabase, TEST_ENGINE } from './db';
import { TestClock } from './test-clock';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const tmpDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'breachclock-test-'));

export interface TestResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

// The whole app on a fresh database (PostgreSQL cloned from the migrated template, or an
// in-memory PGlite when BREACHCLOCK_TEST_DB=pglite), a TestClock, and captured JSON logs.
export class TestApp {
  constructor(
    readonly app: NestFastifyApplication,
    readonly clock: TestClock,
    readonly config: AppConfig,
    readonly logs: Record<string, unknown>[],
    private readonly opened: Opened,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  get<T>(type: abstract new (...args: any[]) => T): T {
    return this.app.get(type as never);
  }

  get dataSource() {
    return this.opened.dataSource;
  }

  // The embedded database's session lease (PGlite only), for serving it on a local socket.
  get lease() {
    return this.opened.lease;
  }

  get databaseUrl(): string | undefined {
    return this.config.database.kind === 'postgres' ? this.config.database.url : undefined;
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options: RequestOptions = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method, url, headers, payload });
    let body: any = undefined;
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('json') && res.body.length > 0) body = JSON.parse(res.body);
    return { status: res.statusCode, headers: res.headers as TestResponse['headers'], body, text: res.body };
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.opened.close();
    await this.dropDatabase();
    fs.rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}

export interface TestAppOptions {
  clock?: TestClock;
  engine?: 'postgres' | 'pglite';
  databaseUrl?: string; // share a database with another app (two instances)
  env?: Record<string, string>; // e.g. SMTP_URL, ESCALATION_MAX_ATTEMPTS
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const engine = options.engine ?? TEST_ENGINE;
  const clock = options.clock ?? new TestClock('2025-06-06T12:00:00Z');
  let drop: () => Promise<void> = async () => undefined;
  let env: Record<string, string>;
  if (options.databaseUrl) {
    env = { DATABASE_URL: options.databaseUrl, DATABASE_POOL_SIZE: '5' };
  } else if (engine === 'postgres') {
    const db = await createTestDatabase();
    drop = db.drop;
    env = { DATABASE_URL: db.url, DATABASE_POOL_SIZE: '5' };
  } else {
    env = {};
  }
  // The escalation scheduler, the batch runner and scheduled retention stay off: tests move time with the TestClock and
  // dispatch or run batches by hand.
  const config = loadConfig({
    ESCALATIONS: 'off',
    BATCHES: 'off',
    RETENTION_SCHEDULE: 'off',
    DATA_DIR: tmpDataDir(),
    PUBLIC_URL: 'https://breachclock.test',
    ...env,
    LOG_LEVEL: 'info',
    ...(options.env ?? {}),
  });
  const testConfig: AppConfig =
    engine === 'pglite'
      ? Object.assign(Object.create(AppConfig.prototype), config, { database: { kind: 'pglite', dataDir: 'memory://' } })
      : config;
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      cb();
    },
  });
  const logger = createLogger('info', sink as unknown as pino.DestinationStream);
  const opened = await openDatabase(testConfig, logger);
  const app = await createHttpApp({ config: testConfig, clock, logger }, opened);
  return new TestApp(app, clock, testConfig, logs, opened, drop);
}
