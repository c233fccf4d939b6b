import { IncidentBatchRunner } from '../../src/incidents/batches/incident-batch.runner';
import { MAX_CHUNK_ATTEMPTS } from '../../src/incidents/batches/incident-batch.failures';
import { addCustomer, Customer, fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const DISCOVERED = '2025-06-06T08:00:00Z';

function intake(title: string): Record<string, unknown> {
  const report = fullReport(undefined, DISCOVERED, { title });
  delete report.contractId;
  return report;
}

// A chunk whose transaction fails: for a reason retrying cannot fix (a constraint, bad data) its
// contracts are filed one by one and the one that cannot be counts as failed with the reason; for a
// transient reason (serialization failure, connection lost) the chunk is tried again after a backoff,
// at most MAX_CHUNK_ATTEMPTS times. Triggers on incident stand in for the failures.
async function batchFailures(t: TestApp, tenant: Tenant, customers: Customer[]) {
  const runner = t.get(IncidentBatchRunner);
  const sql = (text: string, params: unknown[] = []) => t.dataSource.query(text, params);
  const progress = async (id: string) => (await t.request('GET', `/api/v1/incidents/batches/${id}`, { token: tenant.processorToken })).body;
  const post = async (title: string, contracts: unknown = 'all') => {
    const res = await t.request('POST', '/api/v1/incidents/batches', {
      token: tenant.processorToken,
      body: { contracts, incident: intake(title) },
    });
    expect(res.status).toBe(202);
    return res.body.id as string;
  };
  const perContract = async (id: string) =>
    sql(`SELECT contract_id, count(*)::int AS n FROM incident WHERE batch_id = $1 GROUP BY 1 ORDER BY 1`, [id]) as Promise<
      { contract_id: string; n: number }[]
    >;
  const all = () => [tenant.contractId, ...customers.map((c) => c.contractId)].sort();
  const resume = (id: string) => t.request('POST', `/api/v1/incidents/batches/${id}/resume`, { token: tenant.processorToken });
  return { runner, sql, progress, post, perContract, all, resume };
}

describe('incident batches: a failing chunk ends, it is not retried forever', () => {
  let t: TestApp;
  let tenant: Tenant;
  let customers: Customer[];
  let h: Awaited<ReturnType<typeof batchFailures>>;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    customers = [await addCustomer(t, tenant), await addCustomer(t, tenant), await addCustomer(t, tenant)];
    h = await batchFailures(t, tenant, customers);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2025-06-06T12:00:00Z'));
  afterEach(async () => {
    await h.sql(`DROP TRIGGER IF EXISTS tr_test_unfileable ON incident`);
  });

  it('counts a contract whose controller cannot be filed (a constraint) as failed with the reason, files the others in the same chunk', async () => {
    const unfileable = customers[1].controllerId;
    await h.sql(`CREATE OR REPLACE FUNCTION test_unfileable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.controller_id = '${unfileable}' THEN
          RAISE EXCEPTION 'this controller cannot take a report' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await h.sql(`CREATE TRIGGER tr_test_unfileable BEFORE INSERT ON incident FOR EACH ROW EXECUTE FUNCTION test_unfileable()`);
    const id = await h.post('Constraint in the chunk');
    await h.runner.runPending();
    const done = await h.progress(id);
    expect(done).toMatchObject({ status: 'failed', total: 4, created: 3, failed: 1 });
    expect(done.failures).toEqual([
      { contractId: customers[1].contractId, message: 'not filed: 23514: this controller cannot take a report' },
    ]);
    expect((await h.perContract(id)).map((r) => r.contract_id)).toEqual(h.all().filter((c) => c !== customers[1].contractId));
    // Nothing left to claim: the batch is not retried on the next lease.
    t.clock.set('2025-06-06T12:10:00Z');
    expect(await h.runner.runPending()).toBe(0);

    // Once the controller can take reports again, Resume files the one that failed, and only it.
    await h.sql(`DROP TRIGGER tr_test_unfileable ON incident`);
    expect((await h.resume(id)).status).toBe(202);
    await h.runner.runPending();
    expect(await h.progress(id)).toMatchObject({ status: 'completed', created: 4, failed: 0 });
    expect(await h.perContract(id)).toEqual(h.all().map((contract_id) => ({ contract_id, n: 1 })));
  });

  it('stops the batch when no contract of a chunk can be filed, instead of trying every other one alone', async () => {
    await h.sql(`CREATE OR REPLACE FUNCTION test_unfileable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'column "gone" does not exist' USING ERRCODE = 'undefined_column'; END $$`);
    await h.sql(`CREATE TRIGGER tr_test_unfileable BEFORE INSERT ON incident FOR EACH ROW EXECUTE FUNCTION test_unfileable()`);
    // One lane: with two, each would take a chunk of its own and both chunks' contracts would fail
    // before the batch stops (at most BATCH_CONCURRENCY chunks are tried, never every contract alone).
    const lanes = h.runner.concurrency;
    h.runner.chunkSize = 2;
    h.runner.concurrency = 1;
    try {
      const id = await h.post('Nothing can be filed');
      await h.runner.runPending();
      const done = await h.progress(id);
      expect(done).toMatchObject({ status: 'failed', total: 4, created: 0, failed: 2 });
      expect(done.failures.map((f: { message: string }) => f.message)).toEqual([
        'not filed: 42703: column "gone" does not exist',
        'not filed: 42703: column "gone" does not exist',
      ]);
      expect(await h.runner.runPending()).toBe(0);
      await h.sql(`DROP TRIGGER tr_test_unfileable ON incident`);
      await h.resume(id);
      await h.runner.runPending();
      expect(await h.progress(id)).toMatchObject({ status: 'completed', created: 4, failed: 0 });
    } finally {
      h.runner.chunkSize = 500;
      h.runner.concurrency = lanes;
    }
  });

  it(`tries a chunk that keeps failing for a transient reason ${MAX_CHUNK_ATTEMPTS} times with growing pauses, then counts its contracts as failed`, async () => {
    await h.sql(`CREATE OR REPLACE FUNCTION test_unfileable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure'; END $$`);
    await h.sql(`CREATE TRIGGER tr_test_unfileable BEFORE INSERT ON incident FOR EACH ROW EXECUTE FUNCTION test_unfileable()`);
    const id = await h.post('Serialization failures');
    let at = Date.parse('2025-06-06T12:00:00Z');
    const pauses: number[] = [];
    for (let attempt = 1; attempt < MAX_CHUNK_ATTEMPTS; attempt++) {
      await h.runner.runPending();
      const [row] = await h.sql(`SELECT status, attempts, leased_by, lease_until FROM incident_batch WHERE id = $1`, [id]);
      expect({ status: row.status, attempts: row.attempts, leasedBy: row.leased_by }).toEqual({
        status: 'running',
        attempts: attempt,
        leasedBy: null,
      });
      const until = new Date(row.lease_until).getTime();
      pauses.push(until - at);
      // Nobody claims it during the pause.
      expect(await h.runner.runPending()).toBe(0);
      at = until + 1;
      t.clock.set(new Date(at).toISOString());
    }
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000]);
    await h.runner.runPending();
    const done = await h.progress(id);
    expect(done).toMatchObject({ status: 'failed', total: 4, created: 0, failed: 4 });
    expect(done.failures.map((f: { contractId: string }) => f.contractId).sort()).toEqual(h.all());
    expect(new Set(done.failures.map((f: { message: string }) => f.message))).toEqual(
      new Set([`not filed after ${MAX_CHUNK_ATTEMPTS} attempts: 40001: could not serialize access`]),
    );
    t.clock.set('2025-06-06T13:00:00Z');
    expect(await h.runner.runPending()).toBe(0);

    await h.sql(`DROP TRIGGER tr_test_unfileable ON incident`);
    await h.resume(id);
    await h.runner.runPending();
    expect(await h.progress(id)).toMatchObject({ status: 'completed', created: 4, failed: 0 });
    expect(await h.perContract(id)).toEqual(h.all().map((contract_id) => ({ contract_id, n: 1 })));
  });

  it('files the whole batch, one incident per contract, when a transient failure clears within the attempts', async () => {
    await h.sql(`DROP SEQUENCE IF EXISTS test_failures`);
    await h.sql(`CREATE SEQUENCE test_failures`);
    await h.sql(`CREATE OR REPLACE FUNCTION test_unfileable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('test_failures') <= 2 THEN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = 'deadlock_detected'; END IF;
        RETURN NEW;
      END $$`);
    await h.sql(`CREATE TRIGGER tr_test_unfileable BEFORE INSERT ON incident FOR EACH ROW EXECUTE FUNCTION test_unfileable()`);
    // One lane: the trigger counts tries, and with two lanes a second lane may try the chunk in the
    // same round (between the first's rollback and its pause; one attempt all the same, see
    // batches-parallel.e2e-spec.ts), using up the second failure early.
    const lanes = h.runner.concurrency;
    h.runner.concurrency = 1;
    try {
      const id = await h.post('Deadlock twice');
      await h.runner.runPending();
      t.clock.set('2025-06-06T12:00:02Z');
      await h.runner.runPending();
      expect(await h.progress(id)).toMatchObject({ status: 'running', created: 0 });
      t.clock.set('2025-06-06T12:00:05Z');
      await h.runner.runPending();
      expect(await h.progress(id)).toMatchObject({ status: 'completed', created: 4, failed: 0 });
      expect((await h.sql(`SELECT attempts FROM incident_batch WHERE id = $1`, [id]))[0].attempts).toBe(0);
      expect(await h.perContract(id)).toEqual(h.all().map((contract_id) => ({ contract_id, n: 1 })));
    } finally {
      h.runner.concurrency = lanes;
    }
  });
});

// A real lost connection: the backend filing the chunk is terminated (pg_terminate_backend) in the
// middle of its INSERT, twice. PostgreSQL only: PGlite has one session and no backend to terminate.
describe('incident batches: a connection killed mid-chunk (PostgreSQL)', () => {
  it('rolls the chunk back, tries it again after the pause and files each contract once', async () => {
    const t = await startTestApp({ engine: 'postgres' });
    try {
      const tenant = await makeTenant(t);
      const customers = [await addCustomer(t, tenant), await addCustomer(t, tenant)];
      const h = await batchFailures(t, tenant, customers);
      await h.sql(`CREATE SEQUENCE test_kills`);
      await h.sql(`CREATE OR REPLACE FUNCTION test_kill() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('test_kills') <= 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(1); END IF;
          RETURN NEW;
        END $$`);
      await h.sql(`CREATE TRIGGER tr_test_kill BEFORE INSERT ON incident FOR EACH ROW EXECUTE FUNCTION test_kill()`);
      const id = await h.post('Connection killed');
      await h.runner.runPending();
      expect((await h.sql(`SELECT attempts FROM incident_batch WHERE id = $1`, [id]))[0].attempts).toBe(1);
      expect(await h.sql(`SELECT count(*)::int AS n FROM incident WHERE batch_id = $1`, [id])).toEqual([{ n: 0 }]);
      t.clock.set('2025-06-06T12:00:02Z');
      await h.runner.runPending();
      t.clock.set('2025-06-06T12:00:05Z');
      await h.runner.runPending();
      expect(await h.progress(id)).toMatchObject({ status: 'completed', total: 3, created: 3, failed: 0 });
      expect(await h.perContract(id)).toEqual(h.all().map((contract_id) => ({ contract_id, n: 1 })));
      const logged = t.logs.filter((l) => l.event === 'batch.chunk_failed').map((l) => [l.kind, l.code]);
      expect(logged).toEqual([
        ['transient', '57P01'],
        ['transient', '57P01'],
      ]);
    } finally {
      await t.close();
    }
  });
});
