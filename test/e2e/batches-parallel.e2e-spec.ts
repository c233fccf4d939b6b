import { AuditService } from '../../src/audit/audit.service';
import { AppConfig } from '../../src/config/app-config';
import { BatchChunkFailures } from '../../src/incidents/batches/incident-batch.failures';
import { IncidentBatchRunner } from '../../src/incidents/batches/incident-batch.runner';
import { IncidentBatchesRepository } from '../../src/incidents/batches/incident-batches.repository';
import { IncidentChanges } from '../../src/incidents/incident-changes.service';
import { IncidentsService } from '../../src/incidents/incidents.service';
import { Clock } from '../../src/platform/clock/clock';
import { Database } from '../../src/platform/database/database';
import { TEST_ENGINE } from '../support/db';
import { addCustomer, batchIntake, Customer, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const DISCOVERED = '2025-06-06T08:00:00Z';

const intake = (overrides: Record<string, unknown> = {}) => batchIntake(DISCOVERED, overrides);

// Chunks of one batch filed by several runners at once (instances, or lanes of one instance): each
// chunk is leased by the transaction that files it, so nobody files a contract twice, a held chunk
// is left to its holder, and the batch completes only when every chunk has committed.
describe('incident batches filed by several runners at once', () => {
  let t: TestApp;
  let tenant: Tenant;
  let customers: Customer[];
  let runner: IncidentBatchRunner;
  let other: IncidentBatchRunner;

  const post = (body: unknown) => t.request('POST', '/api/v1/incidents/batches', { token: tenant.processorToken, body });
  const progress = async (id: string) => (await t.request('GET', `/api/v1/incidents/batches/${id}`, { token: tenant.processorToken })).body;
  const perContract = (batchId: string): Promise<{ contract_id: string; n: number }[]> =>
    t.dataSource.query(`SELECT contract_id, count(*)::int AS n FROM incident WHERE batch_id = $1 GROUP BY 1 ORDER BY 1`, [batchId]);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    customers = [];
    for (let i = 0; i < 7; i++) customers.push(await addCustomer(t, tenant));
    runner = t.get(IncidentBatchRunner);
    // A second runner on the same database, as another instance would run it.
    other = new IncidentBatchRunner(
      t.get(Database),
      t.get(IncidentBatchesRepository),
      t.get(IncidentsService),
      t.get(IncidentChanges),
      t.get(AppConfig),
      t.get(Clock),
      t.get(BatchChunkFailures),
    );
    runner.chunkSize = other.chunkSize = 1;
  });
  afterAll(async () => {
    runner.chunkSize = 500;
    await t.close();
  });
  beforeEach(() => t.clock.set('2025-06-06T12:00:00Z'));

  it('two runners on one batch at once give exactly one incident per contract, each with its duties and events', async () => {
    const res = await post({ contracts: 'all', incident: intake({ title: 'Two runners' }) });
    expect(res.status).toBe(202);
    const [a, b] = await Promise.all([runner.runPending(), other.runPending()]);
    // Every chunk filed once, by one of them (8 contracts, one per chunk).
    expect(a + b).toBe(8);
    expect(await progress(res.body.id)).toMatchObject({ status: 'completed', total: 8, created: 8, failed: 0 });
    const rows = await perContract(res.body.id);
    expect(rows.map((r) => r.contract_id).sort()).toEqual([tenant.contractId, ...customers.map((c) => c.contractId)].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM obligation o JOIN incident i ON i.id = o.incident_id WHERE i.batch_id = $1) AS obligations,
              (SELECT count(*)::int FROM audit_event a JOIN incident i ON i.id = a.incident_id
                WHERE i.batch_id = $1 AND a.action = 'incident.reported') AS reported`,
      [res.body.id],
    );
    expect(counts).toEqual({ obligations: 16, reported: 8 });
    expect((await t.get(AuditService).verifyChain()).break).toBeNull();
    // Nothing left: neither runs anything again.
    expect(await runner.runPending()).toBe(0);
    expect(await other.runPending()).toBe(0);
  });

  it('leaves a chunk another transaction holds to its holder and completes only after it', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // one session: no second transaction to hold it
    const res = await post({ contracts: 'all', incident: intake({ title: 'Held chunk' }) });
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      const [held] = await holder.query(`SELECT pg_try_advisory_xact_lock(hashtext('incident_batch:' || $1), 0) AS ok`, [res.body.id]);
      expect(held.ok).toBe(true);
      expect(await runner.runPending()).toBe(7);
      expect(await progress(res.body.id)).toMatchObject({ status: 'running', created: 7 });
      expect((await perContract(res.body.id)).map((r) => r.contract_id)).not.toContain(tenant.contractId); // the first contract: chunk 0
      await holder.commitTransaction();
    } finally {
      await holder.release();
    }
    expect(await other.runPending()).toBe(1);
    expect(await progress(res.body.id)).toMatchObject({ status: 'completed', created: 8 });
    expect((await perContract(res.body.id)).every((r) => r.n === 1)).toBe(true);
  });

  it('counts chunks that fail at once in several lanes and runners as one attempt, and pauses the batch once', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // one session: one lane
    const sql = (text: string) => t.dataSource.query(text);
    await sql(`CREATE OR REPLACE FUNCTION test_busy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure'; END $$`);
    await sql(`CREATE TRIGGER tr_test_busy BEFORE INSERT ON incident FOR EACH ROW EXECUTE FUNCTION test_busy()`);
    try {
      const res = await post({ contracts: 'all', incident: intake({ title: 'Busy database' }) });
      expect(res.status).toBe(202);
      // Four lanes (two per runner), one contract per chunk: several chunks fail in the same round.
      expect(await Promise.all([runner.runPending(), other.runPending()])).toEqual([0, 0]);
      const [row] = await t.dataSource.query(`SELECT status, attempts, lease_until FROM incident_batch WHERE id = $1`, [res.body.id]);
      expect({ status: row.status, attempts: row.attempts, until: new Date(row.lease_until).toISOString() }).toEqual({
        status: 'running',
        attempts: 1,
        until: '2025-06-06T12:00:01.000Z',
      });
      await sql(`DROP TRIGGER tr_test_busy ON incident`);
      t.clock.set('2025-06-06T12:00:01Z');
      const [a, b] = await Promise.all([runner.runPending(), other.runPending()]);
      expect(a + b).toBe(8);
      expect(await progress(res.body.id)).toMatchObject({ status: 'completed', created: 8, failed: 0 });
    } finally {
      await sql(`DROP TRIGGER IF EXISTS tr_test_busy ON incident`);
    }
  });

  it('plans the same escalation rows for a batch incident as for the same report filed on its own', async () => {
    runner.chunkSize = 500;
    try {
      const contractId = customers[0].contractId;
      const res = await post({ contracts: [contractId], incident: intake({ title: 'Compared' }) });
      await runner.runPending();
      const single = await t.request('POST', '/api/v1/incidents', { token: tenant.processorToken, body: { ...intake(), contractId } });
      expect(single.status).toBe(201);
      const [{ id: batchIncident }] = await t.dataSource.query(`SELECT id FROM incident WHERE batch_id = $1`, [res.body.id]);
      const rows = (incidentId: string) =>
        t.dataSource.query(
          `SELECT deadline_kind, minutes_before, milestone, recipient_email, recipient_name, recipient_role, recipient_locale,
                  recipient_time_zone, due_at, superseded_at, status
             FROM escalation WHERE incident_id = $1 ORDER BY deadline_kind, minutes_before, recipient_email`,
          [incidentId],
        );
      const fromBatch = await rows(batchIncident);
      expect(fromBatch.length).toBeGreaterThan(0);
      expect(fromBatch).toEqual(await rows(single.body.id));
    } finally {
      runner.chunkSize = 1;
    }
  });
});
