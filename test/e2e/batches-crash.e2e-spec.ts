import type { ChildProcess } from 'node:child_process';
import { AuditService } from '../../src/audit/audit.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { createTestDatabase, TEST_ENGINE } from '../support/db';
import { fullReport } from '../support/factories';
import { spawnServer } from '../support/spawn-server';
import { startTestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const CONTRACTS = 2_000;
const stderr: string[] = [];

const server = (env: Record<string, string>): ChildProcess => spawnServer(env, stderr);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The real server, killed with SIGKILL while it files a batch of 2,000 contracts, then started
// again: the chunks in flight were rolled back (their leases went with the connections), the
// restarted server goes on at once and files what is missing. Exactly one incident per contract, each with its duties and its
// audit event, and every audit chain verifies.
describe('incident batches survive a crash mid-way', () => {
  jest.setTimeout(180_000);

  it('gives exactly one incident per contract after SIGKILL and restart', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // needs a database two processes share
    const db = await createTestDatabase();
    const seed = await startTestApp({ databaseUrl: db.url, clock: new TestClock(new Date(Date.now())) });
    const children: ChildProcess[] = [];
    try {
      const identity = seed.get(IdentityService);
      const processor = await identity.createOrganization(
        { slug: 'fan-p', name: 'Fan-out Mailer GmbH', kind: 'processor', country: 'DE', region: 'DE-BW' },
        CLI_ACTOR,
      );
      await identity.createUser({ organizationSlug: 'fan-p', email: 'staff@fan.example', role: 'processor_staff' }, CLI_ACTOR);
      const { token } = await identity.createToken('staff@fan.example', CLI_ACTOR);
      // 2,000 controllers, each with a DPO address and its DPA with the processor: set-based SQL.
      await seed.dataSource.query(
        `INSERT INTO organization (id, slug, name, kind, country, region, sector, dpo_name, dpo_email, time_zone, telecom, postal, locale, dora, created_at)
         SELECT gen_random_uuid(), 'fan-c-' || g, 'Customer ' || g || ' GmbH', 'controller', 'DE', 'DE-HE', 'private',
                'DPO ' || g, 'dpo' || g || '@customer.example', 'Europe/Berlin', false, false, 'de', false, now()
           FROM generate_series(1, $1::int) g`,
        [CONTRACTS],
      );
      await seed.dataSource.query(
        `INSERT INTO contract (id, controller_id, processor_id, reference, processor_notice_hours, data_categories, subject_categories,
                               sub_processors, escalation_contacts, created_at)
         SELECT gen_random_uuid(), o.id, $1, 'AVV ' || o.slug, 24, ARRAY['email addresses'], ARRAY['customers'],
                '[{"name": "Hosting Sub GmbH"}]', '[]', now()
           FROM organization o WHERE o.slug LIKE 'fan-c-%'`,
        [processor.id],
      );

      const { contractId: _none, ...intake } = fullReport(undefined, new Date(Date.now() - 3_600_000).toISOString());
      const accepted = await seed.request('POST', '/api/v1/incidents/batches', { token, body: { contracts: 'all', incident: intake } });
      expect(accepted.status).toBe(202);
      expect(accepted.body.total).toBe(CONTRACTS);
      const batchId = accepted.body.id as string;
      const created = async () =>
        Number((await seed.dataSource.query(`SELECT count(*)::int AS n FROM incident WHERE batch_id = $1`, [batchId]))[0].n);

      const env = {
        DATABASE_URL: db.url,
        PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
        LOG_LEVEL: 'warn',
        ESCALATIONS: 'off',
        BATCHES: 'on',
        BATCH_CHUNK_SIZE: '100',
        PUBLIC_URL: 'https://breachclock.test',
      };
      children.push(server(env));
      const until = Date.now() + 60_000;
      let before = 0;
      while (Date.now() < until && (before = await created()) < 200) await sleep(20);
      children[0].kill('SIGKILL');
      await new Promise((r) => children[0].once('exit', r));
      const atKill = await created();
      if (atKill === 0) throw new Error(`the server filed nothing: ${stderr.join('').slice(-2000)}`);
      // Killed half-way: some chunks committed, not all.
      expect(atKill).toBeGreaterThanOrEqual(before);
      expect(atKill).toBeLessThan(CONTRACTS);
      expect(atKill % 100).toBe(0); // only whole chunks: those in flight were rolled back

      children.push(server(env));
      const status = async () => (await seed.dataSource.query(`SELECT status FROM incident_batch WHERE id = $1`, [batchId]))[0].status;
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline && (await status()) !== 'completed') await sleep(200);
      expect(await status()).toBe('completed');

      const perContract = await seed.dataSource.query(
        `SELECT count(DISTINCT c.id)::int AS contracts, count(i.id)::int AS incidents, max(n.k)::int AS most
           FROM contract c
           LEFT JOIN incident i ON i.contract_id = c.id AND i.batch_id = $2
           LEFT JOIN LATERAL (SELECT count(*) AS k FROM incident x WHERE x.contract_id = c.id AND x.batch_id = $2) n ON true
          WHERE c.processor_id = $1`,
        [processor.id, batchId],
      );
      expect(perContract[0]).toEqual({ contracts: CONTRACTS, incidents: CONTRACTS, most: 1 });
      const [withoutDuties] = await seed.dataSource.query(
        `SELECT count(*)::int AS n FROM incident i WHERE i.batch_id = $1 AND NOT EXISTS (SELECT 1 FROM obligation o WHERE o.incident_id = i.id)`,
        [batchId],
      );
      expect(withoutDuties.n).toBe(0);
      const [events] = await seed.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT a.incident_id)::int AS incidents FROM audit_event a
           JOIN incident i ON i.id = a.incident_id WHERE i.batch_id = $1 AND a.action = 'incident.reported'`,
        [batchId],
      );
      expect(events).toEqual({ n: CONTRACTS, incidents: CONTRACTS });
      const [batch] = await seed.dataSource.query(`SELECT total, created, failed FROM incident_batch WHERE id = $1`, [batchId]);
      expect(batch).toEqual({ total: CONTRACTS, created: CONTRACTS, failed: 0 });
      expect((await seed.get(AuditService).verifyChain()).break).toBeNull();
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
      await seed.close();
      await db.drop();
    }
  });
});
