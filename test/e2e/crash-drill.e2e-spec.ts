import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, TEST_ENGINE } from '../support/db';
import { ProcessEnv, ServerProcess, cli, contractOf, engineEnv, filing, loadDemo } from '../support/server-process';

// kill -9 while filings and follow-ups run in parallel, a few times over, on both engines: after each
// restart every acknowledged (2xx) write is there, no incident is half-written (each has its
// obligations and its audit event), and the audit chain verifies. CRASH_DRILL_CYCLES (default 3)
// runs longer variants (scripts/crash-drill.sh).
const CYCLES = Number(process.env.CRASH_DRILL_CYCLES ?? 3);
const WORKERS = 6;

interface Acked {
  incidents: Map<string, number>; // id → the highest version a 2xx answer reported
  writes: number;
}

// Workers file an incident and follow it up twice, again and again, until the server is gone.
function drive(server: ServerProcess, token: string, contractId: string, acked: Acked, cycle: number): Promise<void>[] {
  return Array.from({ length: WORKERS }, async (_, w) => {
    for (let n = 0; ; n++) {
      try {
        const filed = await server.request('POST', '/incidents', token, filing(contractId, `Drill ${cycle}.${w}.${n}`));
        if (filed.status !== 201) throw new Error(`filing answered ${filed.status}`);
        const { id, version } = (await filed.json()) as { id: string; version: number };
        acked.incidents.set(id, version);
        acked.writes++;
        let current = version;
        for (let f = 1; f <= 2; f++) {
          const res = await server.request(
            'PATCH',
            `/incidents/${id}`,
            token,
            { approximateSubjects: { count: 100 + f, isEstimate: true } },
            {
              'if-match': `"${current}"`,
            },
          );
          if (res.status !== 200) throw new Error(`follow-up answered ${res.status}`);
          current = ((await res.json()) as { version: number }).version;
          acked.incidents.set(id, current);
          acked.writes++;
        }
      } catch (error) {
        if (!server.killed) throw error;
        return; // the server is gone: whatever had no answer may or may not have happened
      }
    }
  });
}

async function check(query: (sql: string) => Promise<Record<string, unknown>[]>, acked: Acked): Promise<void> {
  const rows = await query(`SELECT id, version FROM incident WHERE title LIKE 'Drill %'`);
  const stored = new Map(rows.map((r) => [r.id as string, Number(r.version)]));
  const lost = [...acked.incidents].filter(([id, version]) => (stored.get(id) ?? 0) < version);
  expect(lost).toEqual([]);
  const halfWritten = await query(
    `SELECT i.id FROM incident i WHERE i.title LIKE 'Drill %' AND (
       NOT EXISTS (SELECT 1 FROM obligation o WHERE o.incident_id = i.id)
       OR NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.incident_id = i.id AND a.action IN ('incident.reported', 'incident.drafted'))
       OR (SELECT count(*) FROM audit_event a WHERE a.incident_id = i.id AND a.action = 'incident.updated') <> i.version - 1)`,
  );
  expect(halfWritten).toEqual([]);
}

describe('crash drill: kill -9 during filings and follow-ups', () => {
  jest.setTimeout(600_000);
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  async function drill(env: ProcessEnv, query: (sql: string) => Promise<Record<string, unknown>[]>) {
    const { processor } = await loadDemo(env);
    const acked: Acked = { incidents: new Map(), writes: 0 };
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const server = await ServerProcess.start(env);
      cleanup.push(() => server.kill9());
      const contractId = await contractOf(server, processor);
      const before = acked.writes;
      const workers = drive(server, processor, contractId, acked, cycle);
      // Let a few writes be acknowledged, then kill in the middle of the next ones.
      while (acked.writes < before + 10) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
      await server.kill9();
      await Promise.all(workers);
      expect(acked.writes).toBeGreaterThan(before);
    }
    const server = await ServerProcess.start(env);
    cleanup.push(() => server.kill9());
    await check((sql) => query(sql), acked);
    const verified = await cli(env, 'audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout[0]).toMatch(/^audit chain intact: \d+ events in \d+ chains$/);
    await server.stop();
    return acked;
  }

  it('PostgreSQL: every acknowledged write survives, none is half-written, the chain verifies', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // spawns both engines itself
    const db = await createTestDatabase({ empty: true });
    cleanup.push(db.drop);
    const query = async (sql: string) => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    const acked = await drill(engineEnv({ url: db.url }), query);
    expect(acked.incidents.size).toBeGreaterThanOrEqual(CYCLES);
  });

  it('embedded: every acknowledged write survives, none is half-written, the chain verifies', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-crash-'));
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    // Through the running server's local socket, as psql would.
    const query = async (sql: string) => {
      const client = new Client({ host: path.join(dataDir, 'socket'), user: 'postgres', database: 'postgres' });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    const acked = await drill(engineEnv({ dataDir }), query);
    expect(acked.incidents.size).toBeGreaterThanOrEqual(CYCLES);
  });
});
