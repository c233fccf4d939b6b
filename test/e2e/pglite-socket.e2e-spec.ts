import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { Database } from '../../src/platform/database/database';
import { createLogger } from '../../src/platform/logging/logger';
import { embeddedInstance } from '../../src/platform/database/data-source';
import { LocalSocketServer, SOCKET_FILE } from '../../src/platform/database/local-socket';
import { TEST_ENGINE } from '../support/db';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const IDLE_MS = 400;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The embedded database served on a local socket beside the app that uses it, in one process: the
// app's units of work and the socket clients' turns never interleave, a client's settings never
// reach the app, and a client that leaves a transaction idle is cut off.
describe('the embedded database on a local socket', () => {
  let t: TestApp;
  let served: LocalSocketServer;
  let tenant: Tenant;
  let dir: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    if (TEST_ENGINE === 'pglite') return; // the suite's own pass on PostgreSQL already runs it on PGlite
    t = await startTestApp({ engine: 'pglite' });
    tenant = await makeTenant(t);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-sock-'));
    served = (await LocalSocketServer.start({
      pglite: await embeddedInstance(),
      lease: t.lease!,
      directory: path.join(dir, 'socket'),
      logger: createLogger('silent'),
      idleInTransactionMs: IDLE_MS,
    }))!;
  });
  afterAll(async () => {
    if (TEST_ENGINE === 'pglite') return;
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await served.close();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function connect(): Promise<Client> {
    const client = new Client({ host: path.join(dir, 'socket'), user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  }
  const tokens = () => t.dataSource.query(`SELECT count(*)::int AS n FROM api_token`).then((r) => r[0].n as number);
  const pending = <T>(promise: Promise<T>) => {
    let done = false;
    void promise.then(
      () => (done = true),
      () => (done = true),
    );
    return () => done;
  };

  it('is a socket only its owner may open, in a directory only its owner may enter', () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    expect(fs.statSync(path.join(dir, 'socket')).mode & 0o777).toBe(0o700);
    const socket = fs.statSync(path.join(dir, 'socket', SOCKET_FILE));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
  });

  it("keeps the app's writes out of a client's transaction: the app waits, and the client's rollback does not take the app's write with it", async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const client = await connect();
    const before = await tokens();
    await client.query('BEGIN');
    await client.query(`INSERT INTO app_setting (key, value) VALUES ('client-tx', 'x')`);
    const request = t.request('POST', '/api/v1/tokens', { token: tenant.dpoToken, body: { name: 'while a client is in a transaction' } });
    const finished = pending(request);
    await settle(150);
    expect(finished()).toBe(false);
    await client.query('ROLLBACK');
    expect((await request).status).toBe(201);
    expect(await tokens()).toBe(before + 1);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM app_setting WHERE key = 'client-tx'`)).toEqual([{ n: 0 }]);
  });

  it("keeps clients out of the app's transaction: a client's statement waits and sees only what the app committed", async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const client = await connect();
    let letGo!: () => void;
    const hold = new Promise<void>((resolve) => (letGo = resolve));
    const appWork = t
      .get(Database)
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO app_setting (key, value) VALUES ('app-tx', 'x')`);
        await hold;
        throw new Error('changed my mind');
      })
      .catch((e: Error) => e.message);
    await settle(50);
    const read = client.query(`SELECT count(*)::int AS n FROM app_setting WHERE key = 'app-tx'`);
    const finished = pending(read);
    await settle(150);
    expect(finished()).toBe(false);
    letGo();
    expect(await appWork).toBe('changed my mind');
    expect((await read).rows).toEqual([{ n: 0 }]);
  });

  it("keeps each client's session settings to itself: a client's search_path never reaches the app or another client", async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const first = await connect();
    const second = await connect();
    await first.query(`SET search_path = ''`);
    await first.query(`SET statement_timeout = '7s'`);
    expect((await t.request('GET', '/api/v1/tokens', { token: tenant.dpoToken })).status).toBe(200);
    expect((await second.query(`SHOW search_path`)).rows).toEqual([{ search_path: 'public' }]);
    expect((await first.query(`SHOW search_path`)).rows).toEqual([{ search_path: '""' }]);
    expect((await first.query(`SHOW statement_timeout`)).rows).toEqual([{ statement_timeout: '7s' }]);
    await expect(first.query(`SELECT count(*) FROM api_token`)).rejects.toThrow(/does not exist/);
    expect((await t.request('GET', '/api/v1/contracts', { token: tenant.dpoToken })).status).toBe(200);
    expect((await t.dataSource.query(`SELECT current_setting('statement_timeout') AS s`))[0].s).toBe('0');
  });

  it('runs transactions of several clients and the app one after another: no update is lost', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const a = await connect();
    const b = await connect();
    await t.dataSource.query(`INSERT INTO app_setting (key, value) VALUES ('counter', '0')`);
    const bump = async (client: Client, times: number) => {
      for (let i = 0; i < times; i++) {
        await client.query('BEGIN');
        const { rows } = await client.query(`SELECT value FROM app_setting WHERE key = $1`, ['counter']);
        await client.query(`UPDATE app_setting SET value = $1 WHERE key = 'counter'`, [String(Number(rows[0].value) + 1)]);
        await client.query('COMMIT');
      }
    };
    const app = async (times: number) => {
      for (let i = 0; i < times; i++)
        await t.get(Database).transaction(async (tx) => {
          const [row] = await tx.query(`SELECT value FROM app_setting WHERE key = 'counter'`);
          await tx.query(`UPDATE app_setting SET value = $1 WHERE key = 'counter'`, [String(Number(row.value) + 1)]);
        });
    };
    await Promise.all([bump(a, 25), bump(b, 25), app(25)]);
    expect(await t.dataSource.query(`SELECT value FROM app_setting WHERE key = 'counter'`)).toEqual([{ value: '75' }]);
  });

  it('rolls back a transaction left idle, closes that connection with the reason, and the app goes on', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const client = await connect();
    const ended = new Promise<Error>((resolve) => client.once('error', resolve));
    await client.query('BEGIN');
    await client.query(`INSERT INTO app_setting (key, value) VALUES ('left-idle', 'x')`);
    const request = t.request('GET', '/api/v1/tokens', { token: tenant.dpoToken });
    expect((await request).status).toBe(200); // answered once the idle transaction was ended
    expect((await ended).message).toMatch(/idle in a transaction/);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM app_setting WHERE key = 'left-idle'`)).toEqual([{ n: 0 }]);
  });

  it('rolls back the transaction of a client that disconnects in the middle of it', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const client = await connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO app_setting (key, value) VALUES ('gone', 'x')`);
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await t.request('GET', '/api/v1/tokens', { token: tenant.dpoToken })).status).toBe(200);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM app_setting WHERE key = 'gone'`)).toEqual([{ n: 0 }]);
  });
});
